#!/usr/bin/env node
// `npm start`: builds every app, starts them all with prefixed, readable output, waits until
// each is ready, prints the URLs, and stops them all cleanly on Ctrl-C.
//
//   npm start                # build (cached by Nx) and run the whole stack
//   npm start -- --raw       # print the apps' JSON log lines as they are
//   npm start -- --no-build  # run what is already in dist/
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const raw = args.has('--raw');

/** Start order matters only for readiness: the BFFs' readiness checks the services. */
const APPS = [
  { name: 'identity-service', port: 3100 },
  { name: 'product-service', port: 3101 },
  { name: 'inventory-service', port: 3102 },
  { name: 'order-service', port: 3103 },
  { name: 'web-bff', port: 3000 },
  { name: 'mobile-bff', port: 3001 },
  // BFF_APPS: `nx g @bff/workspace-plugin:bff` adds a new BFF above this line.
].filter((app) => existsSync(join(root, 'apps', app.name, 'project.json')));

const COLOURS = [36, 35, 33, 32, 34, 91];
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const colour = (code, text) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
const width = Math.max(...APPS.map((app) => app.name.length));
const startedAt = Date.now();

function say(message) {
  process.stdout.write(`${colour(1, 'start'.padEnd(width))} │ ${message}\n`);
}

/** One JSON log line as `time LEVEL message (route status duration)`, or the line as it is. */
function readable(line) {
  if (raw || !line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const time = String(entry.time ?? '').slice(11, 23);
    const level = LEVELS[entry.level] ?? entry.level;
    const request = entry.res
      ? ` ${entry.req?.method} ${entry.req?.path} → ${entry.res.status} ${entry.durationMs}ms [${entry.requestId}]`
      : '';
    const context = entry.context ? `${entry.context}: ` : '';
    const error = entry.err?.message ? ` (${entry.err.message})` : '';
    return `${time} ${level.padEnd(5)} ${context}${entry.msg ?? ''}${request}${error}`;
  } catch {
    return line;
  }
}

function pipeLines(stream, prefix) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line) process.stdout.write(`${prefix} │ ${readable(line)}\n`);
    }
  });
}

if (!args.has('--no-build')) {
  say(`building ${APPS.map((app) => app.name).join(', ')} (cached by Nx after the first time)…`);
  const build = spawnSync(
    'npx',
    [
      'nx',
      'run-many',
      '-t',
      'build',
      '-p',
      APPS.map((app) => app.name).join(','),
      '--output-style=static',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  if (build.status !== 0) {
    say('build failed: run `npx nx run-many -t build` to see why');
    process.exit(build.status ?? 1);
  }
  say(`built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}

const children = new Map();
let stopping = false;

for (const [index, app] of APPS.entries()) {
  const main = join(root, 'dist', 'apps', app.name, 'main.js');
  if (!existsSync(main)) {
    say(`${main} is missing: run without --no-build`);
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: root,
    env: { NODE_ENV: 'development', PORT: String(app.port), ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = colour(COLOURS[index % COLOURS.length], app.name.padEnd(width));
  pipeLines(child.stdout, prefix);
  pipeLines(child.stderr, prefix);
  child.on('exit', (code, signal) => {
    children.delete(app.name);
    if (!stopping) {
      say(`${app.name} exited (${signal ?? code}): stopping the others`);
      void stop(1);
    } else if (children.size === 0) {
      say('all stopped');
      process.exit(process.exitCode ?? 0);
    }
  });
  children.set(app.name, child);
}

async function ready(app, deadline) {
  const url = `http://127.0.0.1:${app.port}/health/ready`;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  say('stopping: SIGTERM to every app (each drains its in-flight requests)');
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 12_000).unref();
  if (children.size === 0) process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const launchedAt = Date.now();
const results = await Promise.all(APPS.map((app) => ready(app, launchedAt + 30_000)));
if (!stopping) {
  if (results.every(Boolean)) {
    const lines = APPS.map(
      (app) =>
        `  ${app.name.padEnd(width)}  http://localhost:${app.port}   docs: http://localhost:${app.port}/docs`,
    );
    say(
      `ready in ${((Date.now() - launchedAt) / 1000).toFixed(1)} s (${((Date.now() - startedAt) / 1000).toFixed(1)} s with the build):\n${lines.join('\n')}\n  Ctrl-C stops everything.`,
    );
  } else {
    const late = APPS.filter((_, index) => !results[index]).map((app) => app.name);
    say(`not ready after 30 s: ${late.join(', ')}`);
    await stop(1);
  }
}
