/**
 * Runs wrk (Debian package `wrk`) against one URL with the bench's Lua script, pinned to a core
 * when asked, and returns its report plus the CPU wrk itself used.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clockTicksPerSecond, parseProcStat } from './process-stats.mjs';
import { parseWrkReport } from './wrk-report.mjs';

const SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

// The shell runs wrk, then prints its own /proc stat: the children's CPU (cutime + cstime) is
// then wrk's, which Node's child_process does not report.
const WRAPPER = '"$@"; status=$?; cat /proc/$$/stat >&2; exit $status';

/** The installed wrk's version line, or undefined when wrk is not on the PATH. */
export function wrkVersion() {
  const result = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (result.error) return undefined;
  return `${result.stdout}${result.stderr}`.split('\n')[0].trim();
}

/**
 * @example
 * const { report, generatorCpuS } = await runWrk({
 *   url: 'http://127.0.0.1:3000', paths: ['/api/v1/products/p-0001'], connections: 32, durationS: 10,
 * });
 */
export function runWrk({
  url,
  paths = [],
  headers = {},
  connections,
  durationS,
  core,
  timeoutS = 5,
  countDegraded = false,
}) {
  const args = [
    ...(core === undefined ? [] : ['taskset', '-c', String(core)]),
    'wrk',
    '-t1',
    `-c${connections}`,
    `-d${durationS}s`,
    `--timeout`,
    `${timeoutS}s`,
    ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    '-s',
    SCRIPT,
    new URL(paths[0] ?? '/', url).href,
    '--',
    ...paths,
  ];
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (countDegraded) env.BENCH_COUNT_DEGRADED = '1';
    else delete env.BENCH_COUNT_DEGRADED;
    const child = spawn('sh', ['-c', WRAPPER, 'sh', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const statLine = stderr.trim().split('\n').pop() ?? '';
      try {
        const report = parseWrkReport(stdout);
        const { cutime, cstime } = parseProcStat(statLine);
        resolve({ report, generatorCpuS: (cutime + cstime) / clockTicksPerSecond() });
      } catch (error) {
        reject(new Error(`wrk exited ${code}: ${error.message} ${stderr.slice(0, 500)}`));
      }
    });
  });
}
