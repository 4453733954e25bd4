import { RequestContext } from './request-context';

describe('RequestContext', () => {
  it('is empty outside a request', () => {
    expect(RequestContext.current()).toBeUndefined();
    expect(RequestContext.traceparent()).toBeUndefined();
  });

  it('keeps the request id across awaits', async () => {
    await RequestContext.run({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(RequestContext.current()?.requestId).toBe('r-1');
    });
  });

  it('continues an incoming trace with a new span per outgoing call', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    RequestContext.run({ requestId: 'r', traceparent: incoming }, () => {
      const first = RequestContext.traceparent();
      const second = RequestContext.traceparent();
      expect(first).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
      expect(first).not.toBe(second);
      expect(first).not.toContain('00f067aa0ba902b7');
    });
  });

  it('starts a new trace when the incoming traceparent is malformed', () => {
    RequestContext.run({ requestId: 'r', traceparent: 'garbage' }, () => {
      expect(RequestContext.traceparent()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    });
  });

  it('makes well-formed, distinct ids past a refill of the random pool', () => {
    const stores = Array.from({ length: 600 }, (_, i) =>
      RequestContext.create({ requestId: `${i}` }),
    );
    const traceIds = new Set(stores.map((store) => store.traceId));
    const spanIds = new Set(stores.map((store) => store.spanId));
    expect(traceIds.size).toBe(600);
    expect(spanIds.size).toBe(600);
    for (const store of stores) {
      expect(store.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(store.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('memoises scoped values per request only', () => {
    const key = Symbol('loader');
    const a = RequestContext.run({ requestId: 'a' }, () => [
      RequestContext.scoped(key, () => ({})),
      RequestContext.scoped(key, () => ({})),
    ]);
    expect(a[0]).toBe(a[1]);
    const b = RequestContext.run({ requestId: 'b' }, () => RequestContext.scoped(key, () => ({})));
    expect(b).not.toBe(a[0]);
  });
});
