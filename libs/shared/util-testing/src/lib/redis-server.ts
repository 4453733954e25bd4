import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A throwaway `redis-server` on a free local port, owned by the test that started it. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as with a hung Redis. */
  pause(): void;
  /** Undoes `pause()`. */
  resume(): void;
  /** Stops the server and waits until it has exited. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartRedisServerOptions {
  /** How long to wait for the first PING answer. */
  startTimeoutMs?: number;
}

function redisServerBin(): string {
  return process.env['REDIS_SERVER_BIN'] ?? 'redis-server';
}

/**
 * True when a `redis-server` binary can be run. In CI (`CI` set) a missing binary is an error, so
 * that Redis integration tests never silently skip where they must run.
 *
 * @example
 * const describeWithRedis = hasRedisServer() ? describe : describe.skip;
 */
export function hasRedisServer(): boolean {
  const probe = spawnSync(redisServerBin(), ['--version'], { stdio: 'ignore' });
  const found = !probe.error && probe.status === 0;
  if (!found && process.env['CI']) {
    throw new Error(
      `redis-server not found (${redisServerBin()}); CI must install it (apt-get install redis-server)`,
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOnce(port: number, startTimeoutMs: number): Promise<RedisServer> {
  const child = spawn(
    redisServerBin(),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk) => (output += chunk.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    await delay(25);
    if (spawnError) {
      process.removeListener('exit', killOnExit);
      throw spawnError;
    }
    if (child.exitCode !== null) {
      process.removeListener('exit', killOnExit);
      throw new Error(`redis-server exited with ${child.exitCode} on port ${port}:\n${output}`);
    }
    if (await ping(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      process.removeListener('exit', killOnExit);
      throw new Error(`redis-server did not answer PING within ${startTimeoutMs} ms:\n${output}`);
    }
  }

  let closed: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    close: () =>
      (closed ??= (async () => {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 3000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 3000);
        }
        process.removeListener('exit', killOnExit);
      })()),
  };
}

/**
 * Starts `redis-server --port <free port> --save '' --appendonly no` and resolves once it answers
 * PING. Fails (never skips) when the binary is missing; guard with `hasRedisServer()` outside CI.
 *
 * @example
 * const redis = await startRedisServer();
 * const app = await createApp(AppModule, { environment: { REDIS_URL: redis.url } });
 * // ...
 * await redis.close();
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  let lastError: unknown;
  // The free port may be taken between probing and binding: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), startTimeoutMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(
          `redis-server not found (${redisServerBin()}); install it (apt-get install redis-server)`,
          { cause: error },
        );
      }
      lastError = error;
    }
  }
  throw lastError;
}
