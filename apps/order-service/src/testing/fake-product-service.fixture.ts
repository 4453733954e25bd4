import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeProductMode = 'ok' | 'error' | 'slow' | 'garbage';

/**
 * A stand-in product-service on a real port: `GET /products?ids=` answers the known prices
 * (unknown ids left out), counts calls, and can be told to fail, stall or talk nonsense.
 */
export class FakeProductService {
  calls = 0;
  requestedIds: string[][] = [];
  mode: FakeProductMode = 'ok';
  slowMs = 1000;
  private server?: Server;
  private port = 0;

  constructor(readonly prices: Readonly<Record<string, number>>) {}

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://fake');
      if (url.pathname !== '/products' || !url.searchParams.has('ids')) {
        response.writeHead(404).end();
        return;
      }
      this.calls += 1;
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      this.requestedIds.push(ids);
      const send = () => {
        if (this.mode === 'error') {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('internal failure at db-7.internal.example');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        if (this.mode === 'garbage') {
          response.end('{"items": "nope"');
          return;
        }
        const items = ids
          .filter((id) => id in this.prices)
          .map((id) => ({
            id,
            name: `Product ${id}`,
            price: { amount: this.prices[id], currency: 'USD' },
          }));
        response.end(JSON.stringify({ items }));
      };
      if (this.mode === 'slow') setTimeout(send, this.slowMs).unref();
      else send();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A base URL on which nothing listens: a port that was just bound and released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
