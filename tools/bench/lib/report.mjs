/**
 * Turns the runs of a bench session into medians, ratios, targets (issue 6) and the printed table.
 * Pure functions: the runner feeds them, the spec checks them.
 */

export const TARGETS = {
  uncachedVsBaseline: 0.6,
  cachedVsFloor: 0.8,
  fanOutOverDelay: 1.15,
  peakRssBytes: 150 * 1024 * 1024,
  startToReadyMs: 1500,
};

const MB = 1024 * 1024;

export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const METRICS = [
  'requestsPerSecond',
  'p50Ms',
  'p99Ms',
  'errors',
  'degraded',
  'cpuUsPerRequest',
  'generatorCpuUsPerRequest',
  'fakesCpuUsPerRequest',
  'peakRssBytes',
  'callsPerRequest',
];

/** Medians of each metric over the runs, plus the spread of requests/s. */
export function summarise(runs) {
  const ok = runs.filter((run) => !run.error);
  if (ok.length === 0) return undefined;
  const summary = { runs: ok.length };
  for (const metric of METRICS) summary[metric] = median(ok.map((run) => run[metric]));
  const rates = ok.map((run) => run.requestsPerSecond);
  summary.requestsPerSecondMin = Math.min(...rates);
  summary.requestsPerSecondMax = Math.max(...rates);
  // Peak RSS is a maximum, not a typical value.
  summary.peakRssBytes = Math.max(...ok.map((run) => run.peakRssBytes ?? 0)) || undefined;
  return summary;
}

function ratioOf(a, b) {
  return a !== undefined && b !== undefined && b !== 0 ? a / b : undefined;
}

/** Ratio of medians, plus the median of the per-round ratios (each round measured back to back). */
function pairedRatio(results, numeratorId, denominatorId, metric) {
  const numerator = results[numeratorId];
  const denominator = results[denominatorId];
  if (!numerator?.summary || !denominator?.summary) return undefined;
  const perRound = numerator.runs
    .map((run, round) => ratioOf(run[metric], denominator.runs[round]?.[metric]))
    .filter((value) => value !== undefined);
  return {
    value: ratioOf(numerator.summary[metric], denominator.summary[metric]),
    perRound,
  };
}

function skippedReason(results, ...ids) {
  const reasons = ids
    .filter((id) => !results[id]?.summary)
    .map((id) => `(${id}) ${results[id]?.skipped ?? 'not run'}`);
  return reasons.join('; ');
}

/**
 * The targets of issue 6 with their measured values; `ok` is undefined when a scenario did not run.
 *
 * @param results `{ [scenarioId]: { runs, summary?, skipped? } }`
 * @param servers `{ [name]: { startToReadyMs?, bff?, skipped? } }`
 * @param checks `[{ scenario, server, expected, ok, description }]` (exact downstream calls per page)
 */
export function evaluateTargets(results, servers, checks, { delayMs }) {
  const targets = [];
  const ratioTarget = (name, numeratorId, denominatorId, target) => {
    const ratio = pairedRatio(results, numeratorId, denominatorId, 'requestsPerSecond');
    const cpu = pairedRatio(results, denominatorId, numeratorId, 'cpuUsPerRequest');
    targets.push({
      name,
      target: `≥ ${target}`,
      value: ratio?.value,
      ok: ratio?.value === undefined ? undefined : ratio.value >= target,
      detail: ratio
        ? `per round ${ratio.perRound.map((value) => value.toFixed(2)).join(' ')}; ` +
          `CPU/request ratio ${cpu?.value?.toFixed(2)}`
        : `skipped: ${skippedReason(results, numeratorId, denominatorId)}`,
    });
  };
  ratioTarget('(1)/(4) req/s: uncached page vs baseline', '1', '4', TARGETS.uncachedVsBaseline);
  ratioTarget('(2)/(5) req/s: cache hit vs Nest floor', '2', '5', TARGETS.cachedVsFloor);

  const fanOut = results['6']?.summary;
  const baselineFanOut = results['6b']?.summary;
  const over = (summary) => (summary ? summary.p50Ms / delayMs : undefined);
  targets.push({
    name: `p50(6) / ${delayMs} ms: fan-out in parallel`,
    target: `≤ ${TARGETS.fanOutOverDelay}`,
    value: over(fanOut),
    ok: fanOut ? over(fanOut) <= TARGETS.fanOutOverDelay : undefined,
    detail:
      (fanOut ? '' : `skipped: ${skippedReason(results, '6')}; `) +
      `baseline (6b) ${over(baselineFanOut)?.toFixed(2) ?? 'n/a'}: ` +
      'the related products need the product first, so a page is two rounds of upstream calls',
  });

  for (const check of checks) {
    targets.push({
      name: `calls per page (${check.scenario}) ${check.server}`,
      target: check.expected,
      value: check.description,
      ok: check.ok,
      detail: check.note ?? '',
    });
  }

  for (const [name, server] of Object.entries(servers)) {
    if (!server.bff) continue;
    const peaks = Object.values(results)
      .filter((result) => result.server === name && result.summary)
      .map((result) => result.summary.peakRssBytes ?? 0);
    const peak = peaks.length ? Math.max(...peaks) : undefined;
    targets.push({
      name: `peak RSS under load, ${name}`,
      target: `≤ ${TARGETS.peakRssBytes / MB} MB`,
      value: peak === undefined ? undefined : `${(peak / MB).toFixed(0)} MB`,
      ok: peak === undefined ? undefined : peak <= TARGETS.peakRssBytes,
      detail: server.skipped ? `skipped: ${server.skipped}` : '',
    });
    targets.push({
      name: `start to ready, ${name}`,
      target: `≤ ${TARGETS.startToReadyMs} ms`,
      value:
        server.startToReadyMs === undefined ? undefined : `${server.startToReadyMs.toFixed(0)} ms`,
      ok:
        server.startToReadyMs === undefined
          ? undefined
          : server.startToReadyMs <= TARGETS.startToReadyMs,
      detail: server.skipped ? `skipped: ${server.skipped}` : '',
    });
  }
  return targets;
}

const fixed = (value, digits) => (value === undefined ? '–' : value.toFixed(digits));
const integer = (value) => (value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));

function pad(cells, widths) {
  return cells
    .map((cell, index) => (index < 2 ? cell.padEnd(widths[index]) : cell.padStart(widths[index])))
    .join('  ')
    .trimEnd();
}

/** The results table, one line per scenario, medians of the runs. */
export function formatTable(scenarios, results, servers) {
  const header = [
    'id',
    'scenario',
    'req/s',
    '(min–max)',
    'p50 ms',
    'p99 ms',
    'errors',
    'degraded',
    'CPU µs/req',
    'wrk µs/req',
    'RSS MB',
    'ready ms',
    'calls/req',
  ];
  const rows = scenarios.map((scenario) => {
    const result = results[scenario.id];
    const summary = result?.summary;
    if (!summary) return [scenario.id, scenario.title, `skipped: ${result?.skipped ?? 'not run'}`];
    return [
      scenario.id,
      scenario.title,
      integer(summary.requestsPerSecond),
      `(${integer(summary.requestsPerSecondMin)}–${integer(summary.requestsPerSecondMax)})`,
      fixed(summary.p50Ms, 2),
      fixed(summary.p99Ms, 2),
      integer(summary.errors),
      integer(summary.degraded),
      integer(summary.cpuUsPerRequest),
      integer(summary.generatorCpuUsPerRequest),
      fixed(summary.peakRssBytes === undefined ? undefined : summary.peakRssBytes / MB, 0),
      integer(servers[scenario.server]?.startToReadyMs),
      fixed(summary.callsPerRequest, 2),
    ];
  });
  const widths = header.map((title, index) =>
    Math.max(
      title.length,
      ...rows.filter((row) => index < 2 || row.length > 3).map((row) => row[index].length),
    ),
  );
  const lines = [pad(header, widths)];
  for (const row of rows) {
    lines.push(
      row.length > 3
        ? pad(row, widths)
        : `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`,
    );
  }
  return lines.join('\n');
}

export function formatTargets(targets) {
  const mark = (ok) => (ok === undefined ? '–' : ok ? '✓' : '✗');
  const value = (target) =>
    typeof target.value === 'number' ? target.value.toFixed(2) : (target.value ?? 'n/a');
  return targets
    .map(
      (target) =>
        `${mark(target.ok)} ${target.name}: ${value(target)} (target ${target.target})` +
        (target.detail ? `\n    ${target.detail}` : ''),
    )
    .join('\n');
}
