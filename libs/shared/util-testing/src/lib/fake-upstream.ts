import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the fake upstream received, recorded in arrival order. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, still percent-encoded as sent. */
  path: string;
  /** Decoded query parameters; a repeated name keeps its last value. */
  query: Record<string, string>;
  /** Lower-cased header names, as Node parses them. */
  headers: IncomingHttpHeaders;
  /** The raw request body (empty string when none). */
  body: string;
  /** Parameters captured by a route pattern (`/products/:id`), decoded. */
  params: Record<string, string>;
}

/**
 * What the fake upstream does with a request. Build one with the `reply` helpers; a handler may
 * also return a plain number (status with an empty body) or a promise of either.
 */
export type FakeReply =
  | { kind: 'send'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number; then: FakeReply }
  | { kind: 'raw'; handle: (req: IncomingMessage, res: ServerResponse) => void };

export type FakeHandler = (
  request: RecordedRequest,
) => FakeReply | number | Promise<FakeReply | number>;

/** Handlers by `'METHOD /path/:param'`; unmatched requests get a 404 JSON body. */
export type FakeRoutes = Record<string, FakeHandler>;

/**
 * Reply builders for fake upstream handlers: well-formed answers and the failures a resilient
 * client must survive.
 *
 * @example
 * reply.json({ id: 'p1' });               // 200 application/json
 * reply.json({ title: 'Gone' }, 404);
 * reply.hang();                           // never answers
 * reply.delay(300, reply.json({ id: 'p1' }));
 * reply.reset();                          // destroys the socket mid-request
 * reply.malformed();                      // 200 application/json with a body that is not JSON
 */
export const reply = {
  json(body: unknown, status = 200, headers: Record<string, string> = {}): FakeReply {
    return {
      kind: 'send',
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    };
  },
  text(body: string, status = 200, headers: Record<string, string> = {}): FakeReply {
    return { kind: 'send', status, headers: { 'content-type': 'text/plain', ...headers }, body };
  },
  status(status: number, headers: Record<string, string> = {}): FakeReply {
    return { kind: 'send', status, headers, body: '' };
  },
  /** A problem+json error body, as the reference services answer. */
  problem(status: number, detail = 'upstream detail that must not leak'): FakeReply {
    return {
      kind: 'send',
      status,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: 'about:blank', title: 'Upstream problem', status, detail }),
    };
  },
  malformed(status = 200): FakeReply {
    return {
      kind: 'send',
      status,
      headers: { 'content-type': 'application/json' },
      body: '{"id": "p1", "name": ',
    };
  },
  hang(): FakeReply {
    return { kind: 'hang' };
  },
  reset(): FakeReply {
    return { kind: 'reset' };
  },
  delay(ms: number, then: FakeReply): FakeReply {
    return { kind: 'delay', ms, then };
  },
  /** Full control over the Node response, for cases the other helpers do not cover. */
  raw(handle: (req: IncomingMessage, res: ServerResponse) => void): FakeReply {
    return { kind: 'raw', handle };
  },
};

/** A running fake upstream. */
export interface FakeUpstream {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Every request received so far, in order. */
  readonly calls: RecordedRequest[];
  /** Replaces what the server answers from now on. */
  setHandler(handler: FakeHandler | FakeRoutes): void;
  /** Forgets the recorded calls. */
  reset(): void;
  /** Stops listening and destroys every open connection, hung ones included. */
  close(): Promise<void>;
}

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: FakeHandler;
}

function compileRoutes(routes: FakeRoutes): CompiledRoute[] {
  return Object.entries(routes).map(([key, handler]) => {
    const [method, template] = key.trim().split(/\s+/, 2);
    if (!template) throw new Error(`Route "${key}" must read "METHOD /path"`);
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler };
  });
}

function toHandler(
  handler: FakeHandler | FakeRoutes,
): (request: RecordedRequest) => ReturnType<FakeHandler> {
  if (typeof handler === 'function') return handler;
  const routes = compileRoutes(handler);
  return (request) => {
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (!match) continue;
      route.names.forEach((name, index) => {
        request.params[name] = decodeURIComponent(match[index + 1]);
      });
      return route.handler(request);
    }
    return reply.json({ title: 'Not found' }, 404);
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function perform(
  action: FakeReply | number,
  req: IncomingMessage,
  res: ServerResponse,
  hung: Set<Socket>,
): Promise<void> {
  const step = typeof action === 'number' ? reply.status(action) : action;
  switch (step.kind) {
    case 'send':
      res.writeHead(step.status, {
        ...step.headers,
        'content-length': Buffer.byteLength(step.body),
      });
      res.end(step.body);
      return;
    case 'hang':
      // Kept so that close() can end it; the client only ever sees silence.
      hung.add(req.socket);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, step.ms).unref());
      if (!req.socket.destroyed) await perform(step.then, req, res, hung);
      return;
    case 'raw':
      step.handle(req, res);
      return;
  }
}

/**
 * Starts a real HTTP server on `127.0.0.1`, port 0, that records every request and answers with
 * the given handler or route table. Meant for specs that test clients over real sockets.
 *
 * @example
 * const upstream = await startFakeUpstream({
 *   'GET /products/:id': ({ params }) => reply.json({ id: params.id }),
 *   'POST /orders': () => reply.hang(),
 * });
 * await fetch(`${upstream.url}/products/p1`);
 * upstream.calls[0].headers['x-request-id'];
 * upstream.setHandler(() => reply.reset());
 * await upstream.close();
 */
export async function startFakeUpstream(
  handler: FakeHandler | FakeRoutes = {},
): Promise<FakeUpstream> {
  let current = toHandler(handler);
  const calls: RecordedRequest[] = [];
  const hung = new Set<Socket>();

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await readBody(req);
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        params: {},
      };
      calls.push(request);
      await perform(await current(request), req, res, hung);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Node's default keep-alive timeout (5 s) would outlive short tests; clients reconnect anyway.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setHandler(next) {
      current = toHandler(next);
    },
    reset() {
      calls.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of hung) socket.destroy();
        server.closeAllConnections();
      });
    },
  };
}

/**
 * A base URL on which nothing listens (a port that was free a moment ago), for "connection
 * refused" cases.
 *
 * @example
 * const url = await unusedUrl(); // 'http://127.0.0.1:41234'
 */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
