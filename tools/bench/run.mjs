#!/usr/bin/env node
/**
 * `npm run bench`: builds the BFFs, starts the upstream fakes, the baseline aggregator, the Nest
 * floor apps and the built BFFs on loopback, runs every scenario with wrk several times in
 * interleaved rounds, prints the table and the targets of issue 6, and writes the session as JSON
 * to tools/bench/results/. See tools/bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PRODUCT_IDS } from './lib/catalogue.mjs';
import { buildBffs } from './lib/build-bffs.mjs';
import { compileApps } from './lib/compile-apps.mjs';
import {
  describeCalls,
  PAGE_EXPECTATIONS,
  perRequest,
  totalPerRequest,
} from './lib/downstream-calls.mjs';
import { cpuSeconds, peakRssBytes, resetPeakRss } from './lib/process-stats.mjs';
import { evaluateTargets, formatTable, formatTargets, summarise } from './lib/report.mjs';
import { ROUND_GROUPS, SCENARIOS, serverDefinitions } from './lib/scenarios.mjs';
import { startServer } from './lib/servers.mjs';
import { runWrk, wrkVersion } from './lib/wrk.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '../..');
const CHECKED_PAGES = 10;
const FLOOR_APPS = {
  platform: 'tools/bench/src/platform-floor.main.ts',
  adapter: 'tools/bench/src/adapter-floor.main.ts',
};

function readConfig(env) {
  const number = (name, fallback) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
    return value;
  };
  return {
    durationS: number('BENCH_DURATION', 6),
    latencyDurationS: number('BENCH_LATENCY_DURATION', 4),
    warmupS: number('BENCH_WARMUP', 3),
    rewarmS: number('BENCH_REWARM', 1),
    runs: Math.max(1, number('BENCH_RUNS', 3)),
    connections: number('BENCH_CONNECTIONS', 32),
    latencyConnections: number('BENCH_LATENCY_CONNECTIONS', 4),
    delayMs: number('BENCH_DELAY_MS', 50),
    scenarios: env.BENCH_SCENARIOS
      ? env.BENCH_SCENARIOS.split(',').map((id) => id.trim())
      : undefined,
    skipBuild: env.BENCH_SKIP_BUILD === '1' || env.BENCH_SKIP_BUILD === 'true',
    bffMains: {
      web: env.BENCH_WEB_BFF_MAIN || undefined,
      mobile: env.BENCH_MOBILE_BFF_MAIN || undefined,
    },
    out: env.BENCH_OUT,
    profile: env.BENCH_PROFILE ? env.BENCH_PROFILE.split(',').map((name) => name.trim()) : [],
  };
}

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * A clean clone on a Debian machine run as root (this project's dev and CI machines) gets wrk
 * from Debian's packages; anywhere else the runner says what to install.
 */
function installWrk() {
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).error) return undefined;
  log("wrk is missing: installing Debian's package (apt-get install -y wrk)");
  const apt = (...args) =>
    spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (
    !apt('install', '-y', '-qq', 'wrk') &&
    !(apt('update', '-qq') && apt('install', '-y', '-qq', 'wrk'))
  ) {
    return undefined;
  }
  return wrkVersion();
}

function requireTools() {
  if (process.platform !== 'linux' || !existsSync('/proc/self/stat')) {
    throw new Error('The bench reads CPU and memory from /proc: it runs on Linux only.');
  }
  const version = wrkVersion() ?? installWrk();
  if (!version) {
    throw new Error(
      'wrk is not installed. The bench drives load with wrk (Debian/Ubuntu package "wrk"):\n' +
        '  sudo apt-get install -y wrk\n' +
        'then run `npm run bench` again. (CI does not run the bench.)',
    );
  }
  const taskset = !spawnSync('taskset', ['-V']).error;
  const cores = availableParallelism();
  // Server on core 0; wrk and the upstream fakes on core 1, so neither takes the server's core.
  const pinning = taskset && cores >= 2 ? { server: 0, load: 1 } : {};
  return { wrk: version, taskset, cores, pinning };
}

/** The fakes run in their own process, on the load generator's core, driven over IPC. */
async function startFakes(pinning) {
  const script = join(BENCH_DIR, 'lib/upstream-fakes.mjs');
  const argv = [process.execPath, script];
  const child =
    pinning.load === undefined
      ? spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      : spawn('taskset', ['-c', String(pinning.load), ...argv], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
  const pending = new Map();
  let nextId = 0;
  const urls = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`upstream fakes exited (${code})`)));
    child.on('message', (message) => {
      if (message.type === 'ready') resolve(message.urls);
      if (message.type === 'reply') {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
  const call = (message) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ ...message, id });
    });
  return {
    pid: child.pid,
    urls,
    setDelay: (ms) => call({ type: 'delay', ms }),
    reset: () => call({ type: 'reset' }),
    counts: async () => (await call({ type: 'counts' })).counts,
    stop: () => {
      child.removeAllListeners('exit');
      child.disconnect();
    },
  };
}

async function getJson(url, headers) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** Whether an answer is the page the scenario means to measure (not an error measured fast). */
function pageProblem(scenario, id, { status, body }) {
  const what = `GET ${scenario.paths[0].replace(PRODUCT_IDS[0], id)}`;
  if (status !== 200) return `${what} answered ${status}: ${JSON.stringify(body).slice(0, 200)}`;
  if (scenario.page === 'mobile') return body?.id === id ? undefined : `${what}: no "id" ${id}`;
  if (body?.product?.id !== id || !Array.isArray(body?.related)) {
    return `${what}: not a product page (${JSON.stringify(body).slice(0, 200)})`;
  }
  return undefined;
}

/**
 * Sequential requests for distinct products, counted exactly at the fakes: the calls a page costs
 * (for the cached server: the calls of a second, cached, visit).
 */
async function checkPageCalls(scenario, server, fakes) {
  const ids = PRODUCT_IDS.slice(0, CHECKED_PAGES);
  const url = (id) => server.url + scenario.paths[0].replace(PRODUCT_IDS[0], id);
  await fakes.setDelay(0);
  if (scenario.page === 'cached') {
    for (const id of ids) await getJson(url(id), scenario.headers);
  }
  await fakes.reset();
  for (const id of ids) {
    const problem = pageProblem(scenario, id, await getJson(url(id), scenario.headers));
    if (problem) return { problem };
  }
  const rows = perRequest(await fakes.counts(), ids.length);
  const expectation = PAGE_EXPECTATIONS[scenario.page];
  return {
    scenario: scenario.id,
    server: scenario.server,
    expected: expectation.expected,
    description: describeCalls(rows),
    ok: expectation.check(rows),
    rows,
  };
}

/** Whether the baseline composes the same JSON as web-bff (so (4) is the same work as (1)). */
async function compareWithBaseline(web, baseline) {
  const id = PRODUCT_IDS[1];
  const [a, b] = await Promise.all([
    getJson(`${web.url}/api/v1/products/${id}`),
    getJson(`${baseline.url}/api/v1/products/${id}`),
  ]);
  const same = JSON.stringify(a.body) === JSON.stringify(b.body);
  return same
    ? 'web-bff and the baseline answer the same JSON'
    : `web-bff and the baseline differ for ${id}: web ${JSON.stringify(a.body).slice(0, 300)} …`;
}

async function measure(scenario, server, fakes, config, warmupS, pinning) {
  const latency = scenario.kind === 'latency';
  const load = {
    url: server.url,
    paths: scenario.paths,
    headers: scenario.headers,
    connections: latency ? config.latencyConnections : config.connections,
    core: pinning.load,
    countDegraded: scenario.countDegraded ?? false,
  };
  await fakes.setDelay(latency ? config.delayMs : 0);
  if (warmupS > 0) await runWrk({ ...load, durationS: warmupS });
  // Requests the warm-up left in flight still call the fakes: let them finish before counting.
  await sleep(latency ? 3 * config.delayMs + 100 : 100);
  resetPeakRss(server.pid);
  await fakes.reset();
  const serverCpu = cpuSeconds(server.pid);
  const fakesCpu = cpuSeconds(fakes.pid);
  const { report, generatorCpuS } = await runWrk({
    ...load,
    durationS: latency ? config.latencyDurationS : config.durationS,
  });
  const serverCpuS = cpuSeconds(server.pid) - serverCpu;
  const fakesCpuS = cpuSeconds(fakes.pid) - fakesCpu;
  const calls = perRequest(await fakes.counts(), report.requests);
  const perRequestUs = (seconds) =>
    report.requests > 0 ? (seconds / report.requests) * 1e6 : undefined;
  return {
    requests: report.requests,
    durationS: report.durationS,
    requestsPerSecond: report.requestsPerSecond,
    p50Ms: report.latencyMs.p50,
    p99Ms: report.latencyMs.p99,
    latencyMs: report.latencyMs,
    errors: report.errors,
    errorsByKind: report.errorsByKind,
    degraded: load.countDegraded ? report.degraded : undefined,
    cpuUsPerRequest: perRequestUs(serverCpuS),
    generatorCpuUsPerRequest: perRequestUs(generatorCpuS),
    fakesCpuUsPerRequest: perRequestUs(fakesCpuS),
    peakRssBytes: peakRssBytes(server.pid),
    callsPerRequest: totalPerRequest(calls),
    calls,
  };
}

async function main() {
  const config = readConfig(process.env);
  const machine = requireTools();
  const startedAt = new Date();
  machine.loadAverageAtStart = loadavg();
  if (machine.loadAverageAtStart[0] > machine.cores / 2) {
    log(
      `the machine is busy before the bench starts (load average ${machine.loadAverageAtStart[0].toFixed(1)} ` +
        `on ${machine.cores} cores): absolute req/s will be low and noisy; read CPU/request and ratios`,
    );
  }
  log(
    `${machine.cores} cores, ${machine.wrk}, ` +
      (machine.pinning.server === undefined
        ? 'no pinning (needs taskset and 2 cores)'
        : `servers on core ${machine.pinning.server}, wrk and fakes on core ${machine.pinning.load}`) +
      `, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
  );

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const profileDir = join(BENCH_DIR, 'results', 'profiles', stamp);
  const selected = SCENARIOS.filter(
    (scenario) => !config.scenarios || config.scenarios.includes(scenario.id),
  );
  const fakes = await startFakes(machine.pinning);
  const servers = {};
  const running = {};
  const stopAll = async () => {
    await Promise.all(Object.values(running).map((server) => server.stop()));
    fakes.stop();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    const compiled = compileApps(ROOT, Object.values(FLOOR_APPS), join(ROOT, 'tmp/bench'));
    const floorApps = {
      platform: relative(ROOT, compiled.outputs[0]),
      adapter: relative(ROOT, compiled.outputs[1]),
    };
    log(`compiled the floor apps (${compiled.files} files) to tmp/bench`);
    const definitionsWith = (constantJson) =>
      serverDefinitions({ urls: fakes.urls, constantJson, floorApps, bffMains: config.bffMains });
    const placeholder = definitionsWith('');
    const build = buildBffs(ROOT, placeholder, config.skipBuild, log);
    const needed = new Set(selected.map((scenario) => scenario.server));
    // The floor apps return the baseline's page, so the baseline always starts first.
    needed.add('baseline');

    let constantJson = '';
    for (const name of Object.keys(placeholder).filter((key) => needed.has(key))) {
      const definition = definitionsWith(constantJson)[name];
      servers[name] = { title: definition.title, bff: definition.bff ?? false };
      const why =
        build.missing.get(definition.project) ??
        (definition.requires && !existsSync(resolve(ROOT, definition.requires))
          ? `${definition.requires} not found (run the build)`
          : undefined);
      if (why) {
        servers[name].skipped = why;
        log(`${name}: skipped, ${why}`);
        continue;
      }
      try {
        // One at a time: start-to-ready is measured with nothing else starting.
        const profiled = config.profile.includes(name);
        const server = await startServer({
          name,
          ...definition,
          // A CPU profile of the whole session, written when the server exits (on SIGTERM).
          args: profiled
            ? [`--cpu-prof`, `--cpu-prof-dir=${join(profileDir, name)}`, ...definition.args]
            : definition.args,
          cwd: ROOT,
          core: machine.pinning.server,
        });
        running[name] = server;
        servers[name].startToReadyMs = server.startToReadyMs;
        servers[name].command = [
          definition.command === process.execPath ? 'node' : definition.command,
          ...definition.args,
        ].join(' ');
        log(`${name}: ready in ${server.startToReadyMs.toFixed(0)} ms (pid ${server.pid})`);
        if (name === 'baseline') {
          constantJson = JSON.stringify(
            (await getJson(`${server.url}/api/v1/products/${PRODUCT_IDS[1]}`)).body,
          );
        }
      } catch (error) {
        servers[name].skipped = `did not start: ${error.message.split('\n')[0]}`;
        log(`${name}: ${error.message}`);
      }
    }

    const results = {};
    const checks = [];
    const notes = [];
    for (const scenario of selected) {
      results[scenario.id] = { title: scenario.title, server: scenario.server, runs: [] };
      const server = running[scenario.server];
      if (!server) {
        results[scenario.id].skipped = `${scenario.server}: ${servers[scenario.server]?.skipped}`;
        continue;
      }
      if (scenario.page) {
        const check = await checkPageCalls(scenario, server, fakes);
        if (check.problem) {
          results[scenario.id].skipped = check.problem;
          log(`(${scenario.id}) skipped: ${check.problem}`);
          continue;
        }
        checks.push(check);
      }
    }
    if (running['web-bff'] && running.baseline) {
      notes.push(await compareWithBaseline(running['web-bff'], running.baseline));
    }

    const order = ROUND_GROUPS.flat().filter((id) => results[id] && !results[id].skipped);
    const groups = ROUND_GROUPS.map((group) => group.filter((id) => order.includes(id))).filter(
      (group) => group.length,
    );
    const warmed = new Set();
    for (let round = 0; round < config.runs; round++) {
      log(`round ${round + 1}/${config.runs}`);
      for (const group of groups) {
        // Alternate the order inside a pair, so neither side always runs first.
        for (const id of round % 2 ? [...group].reverse() : group) {
          const scenario = selected.find((candidate) => candidate.id === id);
          const server = running[scenario.server];
          const warmupS = warmed.has(id) ? config.rewarmS : config.warmupS;
          warmed.add(id);
          try {
            const run = await measure(scenario, server, fakes, config, warmupS, machine.pinning);
            results[id].runs.push(run);
            log(
              `  (${id}) ${Math.round(run.requestsPerSecond)} req/s, p50 ${run.p50Ms.toFixed(2)} ms, ` +
                `${run.cpuUsPerRequest?.toFixed(0)} µs CPU/req, ${run.errors} errors` +
                (run.degraded ? `, ${run.degraded} degraded` : ''),
            );
          } catch (error) {
            results[id].runs.push({ error: error.message });
            log(`  (${id}) failed: ${error.message}`);
          }
        }
      }
    }
    for (const result of Object.values(results)) {
      if (result.skipped) continue;
      result.summary = summarise(result.runs);
      if (!result.summary) result.skipped = `every run failed: ${result.runs[0]?.error}`;
    }

    const targets = evaluateTargets(results, servers, checks, config);
    const finishedAt = new Date();
    const session = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      elapsedS: (finishedAt - startedAt) / 1000,
      machine: {
        ...machine,
        cpu: cpus()[0]?.model,
        memoryBytes: totalmem(),
        node: process.version,
        loadAverageAtEnd: loadavg(),
      },
      config,
      build: { built: build.built, buildMs: build.buildMs },
      upstreams: 'in-process fakes (tools/bench/lib/upstream-fakes.mjs), keep-alive, fixed delay',
      servers,
      checks,
      notes,
      results,
      targets,
    };

    const table = formatTable(selected, results, servers);
    process.stdout.write(
      `\n${table}\n\nTargets (issue 6), medians of ${config.runs} runs:\n${formatTargets(targets)}\n`,
    );
    if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
    const out = config.out ?? join(BENCH_DIR, 'results', `${stamp}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(session, null, 2)}\n`);
    process.stdout.write(
      `\nWritten ${relative(process.cwd(), out)} (${session.elapsedS.toFixed(0)} s)\n`,
    );
  } finally {
    await stopAll();
  }
  if (config.profile.length) {
    log(`CPU profiles in ${relative(process.cwd(), profileDir)}; summarise one with`);
    log(
      `  node tools/bench/lib/profile-summary.mjs ${relative(process.cwd(), profileDir)}/<server>/*.cpuprofile`,
    );
  }
}

main().catch((error) => {
  log(error.message);
  process.exitCode = 1;
});
