import { type FakeUpstream, reply, startFakeUpstream, unusedUrl } from './fake-upstream';

describe('startFakeUpstream', () => {
  let upstream: FakeUpstream;

  afterEach(() => upstream?.close());

  it('records every request with method, path, query, headers and body', async () => {
    upstream = await startFakeUpstream(() => reply.json({ ok: true }, 201));
    const response = await fetch(`${upstream.url}/orders?limit=5&q=a%20b`, {
      method: 'POST',
      headers: { 'x-request-id': 'r1', 'content-type': 'application/json' },
      body: '{"lines":[]}',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0]).toMatchObject({
      method: 'POST',
      path: '/orders',
      query: { limit: '5', q: 'a b' },
      body: '{"lines":[]}',
    });
    expect(upstream.calls[0].headers['x-request-id']).toBe('r1');
  });

  it('routes by method and path pattern and answers 404 otherwise', async () => {
    upstream = await startFakeUpstream({
      'GET /products/:id': ({ params }) => reply.json({ id: params.id }),
    });
    await expect((await fetch(`${upstream.url}/products/p%2D1`)).json()).resolves.toEqual({
      id: 'p-1',
    });
    expect((await fetch(`${upstream.url}/products/p1`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${upstream.url}/other`)).status).toBe(404);
  });

  it('answers with a bare status when a handler returns a number', async () => {
    upstream = await startFakeUpstream(() => 503);
    expect((await fetch(upstream.url)).status).toBe(503);
  });

  it('sends a body that is not JSON for malformed()', async () => {
    upstream = await startFakeUpstream(() => reply.malformed());
    const response = await fetch(upstream.url);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.text();
    expect(() => JSON.parse(body)).toThrow(SyntaxError);
  });

  it('answers after the given delay', async () => {
    upstream = await startFakeUpstream(() => reply.delay(50, reply.text('late')));
    const started = Date.now();
    expect(await (await fetch(upstream.url)).text()).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('never answers a hung request, and still closes', async () => {
    upstream = await startFakeUpstream(() => reply.hang());
    const outcome = await fetch(upstream.url, { signal: AbortSignal.timeout(100) }).catch(
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    const pending = fetch(upstream.url).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await upstream.close();
    expect(await pending).toBe('TypeError');
  });

  it('resets the connection', async () => {
    upstream = await startFakeUpstream(() => reply.reset());
    await expect(fetch(upstream.url)).rejects.toThrow('fetch failed');
    expect(upstream.calls).toHaveLength(1);
  });

  it('changes behaviour with setHandler and forgets calls with reset', async () => {
    upstream = await startFakeUpstream(() => 200);
    await fetch(upstream.url);
    upstream.setHandler(() => 500);
    expect((await fetch(upstream.url)).status).toBe(500);
    expect(upstream.calls).toHaveLength(2);
    upstream.reset();
    expect(upstream.calls).toHaveLength(0);
  });
});

describe('unusedUrl', () => {
  it('points at a port where connections are refused', async () => {
    const url = await unusedUrl();
    const error = await fetch(url).catch((e: Error & { cause?: { code?: string } }) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});
