import { isBffError } from '@bff/util-errors';
import { RequestContext } from '@bff/util-request-context';
import { type FakeUpstream, reply, startFakeUpstream } from '@bff/util-testing';
import { type Clients, rejectionOf, startClients, stockFixture } from '../testing/clients.fixture';

describe('InventoryClient', () => {
  let upstream: FakeUpstream;
  let clients: Clients;

  beforeAll(async () => {
    upstream = await startFakeUpstream({
      'GET /inventory/:productId': ({ params }) =>
        params.productId === 'none'
          ? reply.problem(404)
          : reply.json(stockFixture(params.productId)),
      'GET /inventory': ({ query }) =>
        reply.json({ items: query['productIds'].split(',').map((id) => stockFixture(id)) }),
    });
    clients = await startClients({ inventory: { baseUrl: `${upstream.url}/` } });
  });

  afterAll(async () => {
    await clients.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  it('returns the stock of one product without a user token', async () => {
    const context = RequestContext.create({ requestId: 'r1' });
    context.accessToken = 'user-token';
    const stock = await RequestContext.enter(context, () => clients.inventory.getStock('p1'));
    expect(stock).toEqual(stockFixture('p1'));
    expect(upstream.calls[0].path).toBe('/inventory/p1');
    expect(upstream.calls[0].headers['authorization']).toBeUndefined();
    expect(upstream.calls[0].headers['x-request-id']).toBe('r1');
  });

  it('maps a product without a stock record to BFF_ERR_UPSTREAM_NOT_FOUND', async () => {
    const error = await rejectionOf(clients.inventory.getStock('none'));
    expect(isBffError(error, 'BFF_ERR_UPSTREAM_NOT_FOUND')).toBe(true);
  });

  it('splits 250 ids into 3 calls, asks for each id once and merges the answers', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `p${i}`);
    const stocks = await clients.inventory.getStocks([...ids, ...ids]);
    expect(upstream.calls).toHaveLength(3);
    const sent = upstream.calls.map((call) => call.query['productIds'].split(','));
    expect(sent.flat().sort()).toEqual([...ids].sort());
    expect(stocks).toHaveLength(250);
  });

  it('never lets a bad product id reach the wire', async () => {
    const error = await rejectionOf(clients.inventory.getStocks(['p1', '..']));
    expect(isBffError(error, 'BFF_ERR_VALIDATION')).toBe(true);
    expect(upstream.calls).toHaveLength(0);
  });

  it('maps stock with a fractional quantity to BFF_ERR_UPSTREAM_BAD_RESPONSE', async () => {
    upstream.setHandler(() => reply.json({ ...stockFixture('p1'), available: 1.5 }));
    const error = await rejectionOf(clients.inventory.getStock('p1'));
    expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
  });
});
