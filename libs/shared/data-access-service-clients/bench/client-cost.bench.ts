/**
 * CPU cost per upstream call of each client path, measured against a local node:http server
 * that runs in a child process (so its CPU is not counted). Not part of the tests.
 *
 *   SWC_NODE_PROJECT=libs/shared/data-access-service-clients/tsconfig.json \
 *     node -r @swc-node/register libs/shared/data-access-service-clients/bench/client-cost.bench.ts \
 *     [calls = 5000] [only variants whose name contains this]
 *
 * Prints µs of client-process CPU (user + system, process.cpuUsage) per call for N sequential
 * and N concurrent calls, each variant after a warm-up, in rounds to show the spread.
 */
import { fork } from 'node:child_process';
import { Agent as HttpAgent, createServer } from 'node:http';
import 'reflect-metadata';
import { HttpService } from '@nestjs/axios';
import { Test } from '@nestjs/testing';
import axios, { type AxiosAdapter, type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { Pool } from 'undici';
import { ProductClient } from '../src/lib/product.client';
import { ServiceClientsModule } from '../src/lib/service-clients.module';
import { createUndiciAdapter } from '../src/lib/undici.adapter';

const PRODUCT = {
  id: 'p1',
  sku: 'SKU-1',
  name: 'Espresso machine',
  description: 'A machine that makes espresso, with a steam wand and a 2 l water tank.',
  category: 'kitchen',
  price: { amount: 24999, currency: 'USD' },
  images: ['https://img.example.com/p1-1.jpg', 'https://img.example.com/p1-2.jpg'],
  rating: 4.6,
  relatedIds: ['p2', 'p3', 'p4'],
};

if (process.argv[2] === '--server') {
  const body = JSON.stringify(PRODUCT);
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.(typeof address === 'object' && address ? address.port : 0);
  });
} else {
  void main();
}

type Call = () => Promise<unknown>;

const CONNECTIONS = 16;

/** The adapter a first version used: undici's `request()` API with a body stream. */
function requestAdapter(pool: Pool): AxiosAdapter {
  return async (config) => {
    const response = await pool.request({
      method: 'GET',
      path: config.url ?? '/',
      headers: config.headers.toJSON(true) as Record<string, string>,
      signal: config.signal as AbortSignal,
    });
    const data = await response.body.text();
    return {
      data,
      status: response.statusCode,
      statusText: '',
      headers: {},
      config,
    } as AxiosResponse;
  };
}

function dispatchGet(pool: Pool, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pool.dispatch(
      { method: 'GET', path, headers: { accept: 'application/json' } },
      {
        onConnect: () => undefined,
        onHeaders: () => true,
        onData: (chunk: Buffer) => chunks.push(chunk) > 0,
        onComplete: () => resolve(Buffer.concat(chunks).toString('utf8')),
        onError: reject,
      },
    );
  });
}

async function measure(call: Call, calls: number, concurrent: boolean): Promise<number> {
  const start = process.cpuUsage();
  if (concurrent) {
    await Promise.all(Array.from({ length: calls }, () => call()));
  } else {
    for (let i = 0; i < calls; i += 1) await call();
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 5000);
  const only = process.argv[3];
  const rounds = 5;
  const child = fork(__filename, ['--server'], { execArgv: ['-r', '@swc-node/register'] });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve(Number(m))),
  );
  const origin = `http://127.0.0.1:${port}`;
  const headers = { accept: 'application/json', 'x-request-id': 'bench' };

  const pools: Pool[] = [];
  const pool = () => {
    const created = new Pool(origin, { connections: CONNECTIONS });
    pools.push(created);
    return created;
  };

  const requestPool = pool();
  const dispatchPool = pool();
  const agent = new HttpAgent({ keepAlive: true, maxSockets: CONNECTIONS });
  const axiosAgent = axios.create({ baseURL: origin, httpAgent: agent });
  const axiosRequestAdapter = axios.create({ adapter: requestAdapter(pool()) });
  const axiosDispatchAdapter = axios.create({
    adapter: createUndiciAdapter(pool()),
    transformResponse: [],
    validateStatus: null,
  });
  const httpService = new HttpService(
    axios.create({
      adapter: createUndiciAdapter(pool()),
      transformResponse: [],
      validateStatus: null,
    }),
  );

  const neverCancelled = new axios.CancelToken(() => undefined);

  const moduleRef = await Test.createTestingModule({
    imports: [
      ServiceClientsModule.forRoot({
        environment: {},
        product: { baseUrl: origin, connections: CONNECTIONS, timeoutMs: 60_000 },
      }),
    ],
  }).compile();
  await moduleRef.init();
  const products = moduleRef.get(ProductClient);

  const variants: [string, Call][] = [
    [
      'undici Pool request()',
      async () =>
        JSON.parse(
          await (
            await requestPool.request({ method: 'GET', path: '/products/p1', headers })
          ).body.text(),
        ),
    ],
    [
      'undici Pool dispatch()',
      async () => JSON.parse(await dispatchGet(dispatchPool, '/products/p1')),
    ],
    [
      'axios + http.Agent keepAlive',
      async () => (await axiosAgent.get('/products/p1', { headers })).data,
    ],
    [
      'axios + undici request() adapter',
      async () =>
        JSON.parse(
          (
            await axiosRequestAdapter.get<string>('/products/p1', {
              headers,
              transformResponse: [],
            })
          ).data,
        ),
    ],
    [
      'axios + undici dispatch() adapter',
      async () =>
        JSON.parse((await axiosDispatchAdapter.get<string>('/products/p1', { headers })).data),
    ],
    [
      'HttpService + undici dispatch() adapter',
      async () =>
        JSON.parse(
          (await firstValueFrom(httpService.get<string>('/products/p1', { headers }))).data,
        ),
    ],
    [
      'HttpService + adapter + shared CancelToken',
      async () =>
        JSON.parse(
          (
            await firstValueFrom(
              httpService.get<string>('/products/p1', { headers, cancelToken: neverCancelled }),
            )
          ).data,
        ),
    ],
    ['ProductClient.getProduct (shipped path)', () => products.getProduct('p1')],
  ];

  console.log(
    `${calls} calls per measurement, ${CONNECTIONS} connections, Node ${process.version}`,
  );
  console.log('µs CPU per call (client process), median (rounds): sequential | concurrent');
  for (const [name, call] of variants) {
    if (only && !name.includes(only)) continue;
    await measure(call, Math.min(2000, calls), false);
    await measure(call, Math.min(2000, calls), true);
    const sequential: number[] = [];
    const concurrent: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      sequential.push(await measure(call, calls, false));
      concurrent.push(await measure(call, calls, true));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const show = (values: number[]) =>
      `${median(values).toFixed(0).padStart(4)} (${values.map((v) => v.toFixed(0)).join(' ')})`;
    console.log(`${name.padEnd(42)} ${show(sequential)} | ${show(concurrent)}`);
  }

  await moduleRef.close();
  await Promise.all(pools.map((p) => p.close()));
  agent.destroy();
  child.kill();
}
