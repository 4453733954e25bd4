/**
 * Reads the result of one wrk run from its standard output: the JSON line `wrk-report.lua` prints
 * from `done()`, turned into the figures the bench reports.
 */

const MARKER = 'WRK_JSON ';

/**
 * @returns {{ requests: number, durationS: number, requestsPerSecond: number, bytes: number,
 *   degraded: number, errors: number, errorsByKind: Record<string, number>, latencyMs: Record<string, number> }}
 * @throws Error when the output holds no report (wrk failed, or ran without the script).
 *
 * @example
 * parseWrkReport(stdout).requestsPerSecond; // 12345.6
 */
export function parseWrkReport(stdout) {
  const line = stdout
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith(MARKER));
  if (!line) {
    throw new Error(`wrk printed no report: ${stdout.trim().split('\n').slice(-3).join(' | ')}`);
  }
  const raw = JSON.parse(line.slice(MARKER.length));
  const durationS = raw.durationUs / 1e6;
  const latencyMs = {};
  for (const [name, micros] of Object.entries(raw.latencyUs)) latencyMs[name] = micros / 1000;
  return {
    requests: raw.requests,
    durationS,
    requestsPerSecond: durationS > 0 ? raw.requests / durationS : 0,
    bytes: raw.bytes,
    // 200 answers without every part (counted only when asked: BENCH_COUNT_DEGRADED).
    degraded: raw.degraded ?? 0,
    // wrk counts a status >= 400 under `status`; the others are socket errors and timeouts.
    errors: Object.values(raw.errors).reduce((sum, count) => sum + count, 0),
    errorsByKind: raw.errors,
    latencyMs,
  };
}
