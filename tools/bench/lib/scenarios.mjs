/**
 * What the bench runs: the servers (how each starts and is configured) and the scenarios (which
 * server, which requests, what load). Plugging in or re-configuring an app happens here only.
 */
import { PRODUCT_IDS } from './catalogue.mjs';

export const MOBILE_API_KEY = 'bench-key';

/** Web and mobile product routes rotate over every product, so no answer is shared in flight. */
const productPaths = PRODUCT_IDS.map((id) => `/api/v1/products/${id}`);

/**
 * @param {{ urls: Record<string, string>, constantJson: string, floorApps: { platform: string,
 *   adapter: string }, bffMains?: { web?: string, mobile?: string } }} context
 *   floorApps: the compiled `*.main.js` of tools/bench/src; bffMains: another build of a BFF to
 *   measure instead of dist/apps/<bff>/main.js (then not built by the bench)
 * @returns {Record<string, { title: string, command: string, args: string[], env: object,
 *   readyPath: string, requires?: string, project?: string, bff?: boolean }>}
 */
export function serverDefinitions({ urls, constantJson, floorApps, bffMains = {} }) {
  const webMain = bffMains.web ?? 'dist/apps/web-bff/main.js';
  const mobileMain = bffMains.mobile ?? 'dist/apps/mobile-bff/main.js';
  const production = { NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const floorEnv = { ...production, BENCH_CONSTANT_JSON: constantJson };
  const bffEnv = {
    ...production,
    PRODUCT_SERVICE_URL: urls.product,
    INVENTORY_SERVICE_URL: urls.inventory,
    ORDER_SERVICE_URL: urls.order,
    AUTH_JWKS_URI: `${urls.identity}/.well-known/jwks.json`,
    AUTH_ISSUER: urls.identity,
    // In process memory, and no rate limit in the way of a load test.
    REDIS_URL: '',
    THROTTLE_LIMIT: '1000000000',
    THROTTLE_TTL_MS: '60000',
  };
  return {
    baseline: {
      title: 'baseline aggregator (node:http + undici)',
      command: process.execPath,
      args: ['tools/bench/lib/baseline-aggregator.mjs'],
      env: {
        ...production,
        PRODUCT_SERVICE_URL: urls.product,
        INVENTORY_SERVICE_URL: urls.inventory,
      },
      readyPath: '/health/ready',
    },
    floor: {
      title: 'Nest floor (createApp, constant route)',
      command: process.execPath,
      args: [floorApps.platform],
      env: floorEnv,
      readyPath: '/health/ready',
    },
    'nest-express': {
      title: 'bare Nest on Express, constant route',
      command: process.execPath,
      args: [floorApps.adapter, 'express'],
      env: floorEnv,
      readyPath: '/constant',
    },
    'nest-fastify': {
      title: 'bare Nest on Fastify, constant route',
      command: process.execPath,
      args: [floorApps.adapter, 'fastify'],
      env: floorEnv,
      readyPath: '/constant',
    },
    'web-bff': {
      title: 'web-bff, CACHE_TTL_MS=0',
      command: process.execPath,
      args: [webMain],
      env: { ...bffEnv, CACHE_TTL_MS: '0' },
      readyPath: '/health/ready',
      requires: webMain,
      project: bffMains.web ? undefined : 'web-bff',
      bff: true,
    },
    'web-bff-cached': {
      title: 'web-bff, CACHE_TTL_MS=600000',
      command: process.execPath,
      args: [webMain],
      // Longer than the whole bench: after the warm-up every request is a hit.
      env: { ...bffEnv, CACHE_TTL_MS: '600000' },
      readyPath: '/health/ready',
      requires: webMain,
      project: bffMains.web ? undefined : 'web-bff',
      bff: true,
    },
    'mobile-bff': {
      title: 'mobile-bff, CACHE_TTL_MS=0',
      command: process.execPath,
      args: [mobileMain],
      env: { ...bffEnv, CACHE_TTL_MS: '0', MOBILE_API_KEYS: MOBILE_API_KEY },
      readyPath: '/health/ready',
      requires: mobileMain,
      project: bffMains.mobile ? undefined : 'mobile-bff',
      bff: true,
    },
  };
}

/**
 * `kind: 'throughput'` runs at `BENCH_CONNECTIONS`; `kind: 'latency'` at `BENCH_LATENCY_CONNECTIONS`
 * with every upstream delayed by `BENCH_DELAY_MS`. `page` names the contract check of the calls;
 * `countDegraded` counts the web pages answered without a part (`meta.degraded` not empty).
 */
export const SCENARIOS = [
  {
    id: '1',
    title: 'web product page, cache off',
    server: 'web-bff',
    kind: 'throughput',
    paths: productPaths,
    countDegraded: true,
    page: 'web',
  },
  {
    id: '2',
    title: 'web product page, cache hits',
    server: 'web-bff-cached',
    kind: 'throughput',
    paths: productPaths,
    countDegraded: true,
    page: 'cached',
  },
  {
    id: '3',
    title: 'mobile product, cache off',
    server: 'mobile-bff',
    kind: 'throughput',
    paths: productPaths,
    headers: { 'X-Api-Key': MOBILE_API_KEY },
    page: 'mobile',
  },
  {
    id: '4',
    title: 'baseline aggregator, same composite',
    server: 'baseline',
    kind: 'throughput',
    paths: productPaths,
    countDegraded: true,
    page: 'web',
  },
  {
    id: '5',
    title: 'Nest floor: createApp, constant JSON',
    server: 'floor',
    kind: 'throughput',
    paths: ['/constant'],
  },
  {
    id: '6',
    title: 'web page fan-out, upstreams +50 ms, c=4',
    server: 'web-bff',
    kind: 'latency',
    paths: productPaths,
    countDegraded: true,
  },
  {
    id: '6b',
    title: 'baseline fan-out, upstreams +50 ms, c=4',
    server: 'baseline',
    kind: 'latency',
    paths: productPaths,
    countDegraded: true,
  },
  {
    id: 'A1',
    title: 'bare Nest + Fastify, constant JSON',
    server: 'nest-fastify',
    kind: 'throughput',
    paths: ['/constant'],
  },
  {
    id: 'A2',
    title: 'bare Nest + Express, constant JSON',
    server: 'nest-express',
    kind: 'throughput',
    paths: ['/constant'],
  },
];

/**
 * Scenarios compared with each other run back to back, in alternating order from one round to
 * the next, so that a ratio compares like with like even when the machine's load drifts.
 */
export const ROUND_GROUPS = [['4', '1'], ['5', '2'], ['3'], ['A1', 'A2'], ['6b', '6']];
