/**
 * Starts the measured servers as child processes on free loopback ports, pinned to a core when
 * asked, and times each from spawn to its first 200 on the readiness path.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = '127.0.0.1';
const LOG_TAIL_LINES = 40;

/** A port free on loopback right now (the child binds it a moment later; on loopback that holds). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function answers200(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Spawns `command args` with `PORT`/`HOST` set and waits until `readyPath` answers 200.
 * With `core`, the process runs under `taskset -c <core>` (taskset execs, so the pid is the server's).
 *
 * @returns {Promise<{ name: string, pid: number, url: string, startToReadyMs: number,
 *   logTail: () => string, stop: () => Promise<void> }>}
 * @throws Error with the process's last log lines when it exits or is not ready in time.
 */
export async function startServer({
  name,
  command,
  args = [],
  env = {},
  readyPath,
  core,
  cwd,
  timeoutMs = 60_000,
}) {
  const port = await freePort();
  const argv = core === undefined ? [command, ...args] : ['-c', String(core), command, ...args];
  const started = performance.now();
  const child = spawn(core === undefined ? command : 'taskset', argv, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > LOG_TAIL_LINES) lines.splice(0, lines.length - LOG_TAIL_LINES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = signal ?? code;
      resolve();
    }),
  );
  child.on('error', (error) => {
    exited = error.message;
  });
  const logTail = () => lines.join('\n');
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(12_000).then(() => false)]);
      if (!killed) child.kill('SIGKILL');
    }
  };

  const url = `http://${HOST}:${port}`;
  const deadline = started + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`${name} exited (${exited}) before ready:\n${logTail()}`);
    if (await answers200(url + readyPath)) break;
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${name} not ready on ${readyPath} after ${timeoutMs} ms:\n${logTail()}`);
    }
    await sleep(10);
  }
  return { name, pid: child.pid, url, startToReadyMs: performance.now() - started, logTail, stop };
}
