import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksFetcher } from './jwks.fetcher';

describe('JwksFetcher', () => {
  let server: Server;
  let uri: string;
  let hits: number;
  let status: number;
  let clock: number;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ kid: `k${hits}` }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    hits = 0;
    status = 200;
    clock = 0;
  });

  const fetcher = () =>
    new JwksFetcher({ timeoutMs: 1000, minRefreshIntervalMs: 30_000, now: () => clock });

  it('serves the last key set without a fetch within 30 s', async () => {
    const jwks = fetcher();
    await jwks.fetch(uri);
    clock += 29_999;

    expect(await jwks.fetch(uri)).toEqual({ keys: [{ kid: 'k1' }] });
    expect(hits).toBe(1);
  });

  it('fetches again once 30 s have passed', async () => {
    const jwks = fetcher();
    await jwks.fetch(uri);
    clock += 30_000;

    expect(await jwks.fetch(uri)).toEqual({ keys: [{ kid: 'k2' }] });
    expect(hits).toBe(2);
  });

  it('makes one fetch for callers that ask at the same time', async () => {
    const jwks = fetcher();
    await Promise.all([jwks.fetch(uri), jwks.fetch(uri), jwks.fetch(uri)]);
    expect(hits).toBe(1);
  });

  it('does not remember a failure', async () => {
    const jwks = fetcher();
    status = 503;
    await expect(jwks.fetch(uri)).rejects.toThrow('503');
    status = 200;

    expect(await jwks.fetch(uri)).toEqual({ keys: [{ kid: 'k2' }] });
  });
});
