import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { runInThisContext } from 'node:vm';

/** One parsed JSON log line of an app (pino): the fields the platform writes, and any others. */
export interface AppLog {
  level?: number;
  msg?: string;
  context?: string;
  requestId?: string;
  route?: string;
  res?: { status?: number };
  [field: string]: unknown;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A built app running as a real child process, owned by the test that started it. */
export interface ProcessApp {
  name: string;
  /** `http://127.0.0.1:<bound port>`, read from the app's start-up log line. */
  url: string;
  pid: number;
  /** Every stdout line, in order. */
  lines: string[];
  /** The stdout lines that parse as JSON objects (all of them, for an app on the platform). */
  logs: AppLog[];
  /** Everything written to stderr so far. */
  readonly stderr: string;
  /** Resolves with the first log (already received or still to come) that matches. */
  waitForLog(predicate: (log: AppLog) => boolean, timeoutMs?: number): Promise<AppLog>;
  /** Sends `signal` and waits for the exit; SIGKILL after 15 s. Safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<ProcessExit>;
  /** SIGKILL, without waiting. */
  kill(): void;
}

export interface StartProcessAppOptions {
  /** Added to the app's environment, over the defaults `PORT=0`, `HOST=127.0.0.1`, `LOG_LEVEL=info`. */
  env?: Record<string, string>;
  /** Where the search for the workspace root (the folder with `nx.json`) starts; `process.cwd()`. */
  cwd?: string;
  /** Budget for the start-up log line plus `GET /health/live` 200; 20 s. */
  startTimeoutMs?: number;
}

const STOP_TIMEOUT_MS = 15_000;
/** Only these reach the app from the test's own environment, so a developer's shell cannot leak in. */
const INHERITED_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT'];
/** Kills the app within a second of its parent dying, even by SIGKILL, when no exit hook runs. */
const ORPHAN_WATCHDOG =
  "const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.kill(process.pid,'SIGKILL')},500).unref();";

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Jest hands each test file a copy of `process` whose 'exit' never fires; the host's does.
  const host = runInThisContext('process') as NodeJS.Process;
  host.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** The nearest folder at or above `from` that holds `nx.json`. */
export function workspaceRoot(from = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json at or above ${from}`);
  }
}

function builtMain(name: string, cwd?: string): string {
  return join(workspaceRoot(cwd), 'dist', 'apps', name, 'main.js');
}

function missingBuildMessage(name: string, cwd?: string): string {
  return `${builtMain(name, cwd)} is missing: run \`npx nx run-many -t build\` first`;
}

/**
 * True when every named app is built in `dist/apps`. In CI (`CI` set) a missing build is an
 * error, so that process-level suites never silently skip where they must run.
 *
 * @example
 * const describeBuilt = hasBuiltApps('product-service') ? describe : describe.skip;
 */
export function hasBuiltApps(...names: string[]): boolean {
  const missing = names.filter((name) => !existsSync(builtMain(name)));
  if (missing.length && process.env['CI']) {
    throw new Error(missing.map((name) => missingBuildMessage(name)).join('\n'));
  }
  return missing.length === 0;
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

function tail(text: string, lines = 20): string {
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Spawns `node dist/apps/<name>/main.js` from the workspace root with `PORT=0`, learns its URL
 * from the `"<name> listening on <url>"` log line and resolves once `GET /health/live` is 200.
 * Every stdout line is kept (`lines`, and parsed in `logs`). Whatever the test does, the process
 * does not outlive the test run.
 *
 * @example
 * const product = await startProcessApp('product-service', { env: { FAULT_DELAY_MS: '100' } });
 * const response = await fetch(`${product.url}/products/p-0001`);
 * await product.waitForLog((log) => log.route === '/products/:id');
 * expect(await product.stop()).toEqual({ code: 0, signal: null });
 */
export async function startProcessApp(
  name: string,
  options: StartProcessAppOptions = {},
): Promise<ProcessApp> {
  const main = builtMain(name, options.cwd);
  if (!existsSync(main)) throw new Error(missingBuildMessage(name, options.cwd));
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;

  const inherited: Record<string, string> = {};
  for (const key of INHERITED_ENV) {
    const value = process.env[key];
    if (value !== undefined) inherited[key] = value;
  }
  killAllOnExit();
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--import',
      `data:text/javascript,${encodeURIComponent(ORPHAN_WATCHDOG)}`,
      main,
    ],
    {
      cwd: workspaceRoot(options.cwd),
      env: { ...inherited, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  // A test that forgets stop() must not hold the runner open; the exit hook then kills the app.
  child.unref();

  const lines: string[] = [];
  const logs: AppLog[] = [];
  const listeners = new Set<(log: AppLog) => void>();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    let log: unknown;
    try {
      log = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof log !== 'object' || log === null || Array.isArray(log)) return;
    logs.push(log as AppLog);
    for (const listener of listeners) listener(log as AppLog);
  });
  for (const stream of [child.stdout, child.stderr]) {
    (stream as Readable & { unref?: () => void }).unref?.();
  }

  const exited = new Promise<ProcessExit>((done) => {
    // 'close', not 'exit': the last stdout lines (a fatal start-up error) are read by then.
    child.once('close', (code, signal) => {
      running.delete(child);
      done({ code, signal });
    });
  });
  let exit: ProcessExit | undefined;
  void exited.then((result) => (exit = result));
  const describe = () =>
    `stdout (last lines):\n${tail(lines.join('\n'))}\nstderr (last lines):\n${tail(stderr)}`;

  const waitForLog = (predicate: (log: AppLog) => boolean, timeoutMs = 5000) => {
    const found = logs.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<AppLog>((done, fail) => {
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = (log: AppLog) => {
        if (!predicate(log)) return;
        finish();
        done(log);
      };
      const timer = setTimeout(() => {
        finish();
        fail(new Error(`${name}: no matching log line within ${timeoutMs} ms\n${describe()}`));
      }, timeoutMs);
      listeners.add(listener);
      void exited.then(() => {
        if (!listeners.has(listener)) return;
        finish();
        fail(new Error(`${name} exited before a matching log line\n${describe()}`));
      });
    });
  };

  let stopping: Promise<ProcessExit> | undefined;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    (stopping ??= (async () => {
      if (exit) return exit;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const result = await exited;
      clearTimeout(timer);
      return result;
    })());
  const kill = () => void child.kill('SIGKILL');

  const deadline = Date.now() + startTimeoutMs;
  const startError = (reason: string) => {
    kill();
    return new Error(`${name} did not start: ${reason}\n${describe()}`);
  };
  const listening = new RegExp(`^${name} listening on (https?://\\S+)$`);
  let url: string;
  try {
    const log = await waitForLog(
      (entry) => listening.test(entry.msg ?? ''),
      Math.max(0, deadline - Date.now()),
    );
    url = (log.msg ?? '').replace(listening, '$1');
  } catch {
    throw startError(
      exit
        ? `exited (${exit.signal ?? exit.code}) before listening`
        : `no "${name} listening on" line within ${startTimeoutMs} ms`,
    );
  }
  for (;;) {
    if (exit) throw startError(`exited (${exit.signal ?? exit.code}) before /health/live`);
    try {
      const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) break;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw startError(`/health/live not 200 within ${startTimeoutMs} ms`);
    await delay(50);
  }

  return {
    name,
    url,
    pid: child.pid as number,
    lines,
    logs,
    get stderr() {
      return stderr;
    },
    waitForLog,
    stop,
    kill,
  };
}

const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

/**
 * The value of `metric` in the app's Prometheus text at `<url>/metrics`, summed over every sample
 * whose labels include `labels` (a subset); 0 when no sample matches.
 *
 * @example
 * const calls = () =>
 *   metricCount(services.urls.product, 'bff_http_request_duration_seconds_count', {
 *     route: '/products/:id',
 *     status: '200',
 *   });
 * const before = await calls();
 * await fetch(`${bff.url}/api/v1/products/p-0001`);
 * expect((await calls()) - before).toBe(1);
 */
export async function metricCount(
  url: string,
  metric: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const response = await fetch(`${url.replace(/\/+$/, '')}/metrics`);
  if (response.status !== 200) throw new Error(`${url}/metrics answered ${response.status}`);
  const text = await response.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || line.startsWith('#')) continue;
    const match = /^([^\s{]+)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== metric) continue;
    const sample: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) {
      sample[key] = unescapeLabel(value);
    }
    if (Object.entries(labels).every(([key, value]) => sample[key] === value)) {
      sum += Number(match[3]);
    }
  }
  return sum;
}

export type ReferenceServiceName = 'identity' | 'product' | 'inventory' | 'order';

export interface StartReferenceServicesOptions {
  /** Added to every service's environment. */
  env?: Record<string, string>;
  /** Added to one service's environment, over `env` (e.g. `{ inventory: { FAULT_DELAY_MS: '3000' } }`). */
  serviceEnv?: Partial<Record<ReferenceServiceName, Record<string, string>>>;
  cwd?: string;
}

/** The four reference services as real processes, wired to each other. */
export interface ReferenceServices {
  apps: Record<ReferenceServiceName, ProcessApp>;
  urls: Record<ReferenceServiceName, string>;
  /** What a BFF needs to reach these services: `*_SERVICE_URL`, `AUTH_JWKS_URI`, `AUTH_ISSUER`. */
  bffEnv: Record<string, string>;
  /** An access token from identity-service's `POST /token`. */
  token(username: string, password?: string): Promise<string>;
  /** Stops all four (SIGTERM, graceful) and resolves when they have exited. */
  stop(): Promise<void>;
}

const SERVICE_APPS: Record<ReferenceServiceName, string> = {
  identity: 'identity-service',
  product: 'product-service',
  inventory: 'inventory-service',
  order: 'order-service',
};

/**
 * Starts identity-, product-, inventory- and order-service as processes on free ports (order-service
 * once identity and product answer, pointed at them) and issues tokens for the demo users.
 *
 * @example
 * const services = await startReferenceServices();
 * const bff = await startProcessApp('web-bff', { env: services.bffEnv });
 * const token = await services.token('alice');
 * // ...
 * await Promise.all([bff.stop(), services.stop()]);
 */
export async function startReferenceServices(
  options: StartReferenceServicesOptions = {},
): Promise<ReferenceServices> {
  const started: ProcessApp[] = [];
  const start = async (service: ReferenceServiceName, env: Record<string, string> = {}) => {
    const app = await startProcessApp(SERVICE_APPS[service], {
      cwd: options.cwd,
      env: { ...options.env, ...env, ...options.serviceEnv?.[service] },
    });
    started.push(app);
    return app;
  };
  const stopStarted = async () => void (await Promise.all(started.map((app) => app.stop())));

  try {
    const identityStarted = start('identity');
    const productStarted = start('product');
    const inventoryStarted = start('inventory');
    const auth = identityStarted.then(async (identity) => {
      // The issuer identity-service actually writes, whether from AUTH_ISSUER or its bound port.
      const response = await fetch(`${identity.url}/.well-known/openid-configuration`);
      const discovery = (await response.json()) as { issuer: string; jwks_uri: string };
      return { AUTH_ISSUER: discovery.issuer, AUTH_JWKS_URI: discovery.jwks_uri };
    });
    const orderStarted = Promise.all([auth, productStarted]).then(([authEnv, product]) =>
      start('order', { ...authEnv, PRODUCT_SERVICE_URL: product.url }),
    );
    const results = await Promise.allSettled([
      identityStarted,
      productStarted,
      inventoryStarted,
      orderStarted,
      auth,
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;

    const [identity, product, inventory, order] = await Promise.all([
      identityStarted,
      productStarted,
      inventoryStarted,
      orderStarted,
    ]);
    const apps = { identity, product, inventory, order };
    const urls = {
      identity: identity.url,
      product: product.url,
      inventory: inventory.url,
      order: order.url,
    };
    return {
      apps,
      urls,
      bffEnv: {
        ...(await auth),
        INVENTORY_SERVICE_URL: inventory.url,
        ORDER_SERVICE_URL: order.url,
        PRODUCT_SERVICE_URL: product.url,
      },
      async token(username, password = 'password') {
        const response = await fetch(`${identity.url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        const body = (await response.json()) as { access_token?: string };
        if (response.status !== 200 || !body.access_token) {
          throw new Error(`POST /token for ${username} answered ${response.status}`);
        }
        return body.access_token;
      },
      stop: stopStarted,
    };
  } catch (error) {
    await stopStarted();
    throw error;
  }
}
