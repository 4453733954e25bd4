import { evaluateTargets, formatTable, median, summarise } from './report.mjs';

const run = (requestsPerSecond: number, extra: Record<string, number> = {}) => ({
  requestsPerSecond,
  p50Ms: 2,
  p99Ms: 9,
  errors: 0,
  degraded: 0,
  cpuUsPerRequest: 1e6 / requestsPerSecond,
  generatorCpuUsPerRequest: 20,
  fakesCpuUsPerRequest: 10,
  peakRssBytes: 100 * 1024 * 1024,
  callsPerRequest: 3,
  ...extra,
});

function resultOf(server: string, runs: ReturnType<typeof run>[]) {
  return { server, runs, summary: summarise(runs) };
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('summarise', () => {
  it('gives medians, the spread of requests/s and the highest peak RSS, ignoring failed runs', () => {
    const summary = summarise([
      run(1000),
      run(1200, { peakRssBytes: 120 }),
      run(900),
      { error: 'wrk exited 1' } as never,
    ]);

    expect(summary).toMatchObject({
      runs: 3,
      requestsPerSecond: 1000,
      requestsPerSecondMin: 900,
      requestsPerSecondMax: 1200,
      peakRssBytes: 100 * 1024 * 1024,
    });
  });
});

describe('evaluateTargets', () => {
  const servers = {
    baseline: { startToReadyMs: 100 },
    'web-bff': { bff: true, startToReadyMs: 1200 },
  };

  it('compares the uncached page with the baseline as a ratio of medians', () => {
    const results = {
      '1': resultOf('web-bff', [run(700), run(650), run(600)]),
      '4': resultOf('baseline', [run(1000), run(1000), run(1000)]),
    };

    const [uncached] = evaluateTargets(results, servers, [], { delayMs: 50 });

    expect(uncached.value).toBeCloseTo(0.65);
    expect(uncached.ok).toBe(true);
    expect(uncached.detail).toContain('per round 0.70 0.65 0.60');
  });

  it('fails the ratio below 0.6', () => {
    const results = {
      '1': resultOf('web-bff', [run(500)]),
      '4': resultOf('baseline', [run(1000)]),
    };

    expect(evaluateTargets(results, servers, [], { delayMs: 50 })[0].ok).toBe(false);
  });

  it('leaves a target open, with the reason, when one side was skipped', () => {
    const results = {
      '1': { server: 'web-bff', runs: [], skipped: 'web-bff: apps/web-bff does not exist yet' },
      '4': resultOf('baseline', [run(1000)]),
    };

    const [uncached] = evaluateTargets(results, servers, [], { delayMs: 50 });

    expect(uncached.ok).toBeUndefined();
    expect(uncached.detail).toContain('(1) web-bff: apps/web-bff does not exist yet');
  });

  it('divides the fan-out p50 by the upstream delay', () => {
    const results = { '6': resultOf('web-bff', [run(40, { p50Ms: 55 })]) };

    const fanOut = evaluateTargets(results, servers, [], { delayMs: 50 })[2];

    expect(fanOut.value).toBeCloseTo(1.1);
    expect(fanOut.ok).toBe(true);
  });

  it('checks peak RSS and start-to-ready of each BFF', () => {
    const results = { '1': resultOf('web-bff', [run(700, { peakRssBytes: 200 * 1024 * 1024 })]) };

    const targets = evaluateTargets(results, servers, [], { delayMs: 50 });

    expect(targets.find((t) => t.name === 'peak RSS under load, web-bff')?.ok).toBe(false);
    expect(targets.find((t) => t.name === 'start to ready, web-bff')?.ok).toBe(true);
  });
});

describe('formatTable', () => {
  it('prints one line per scenario, with the reason for a skipped one', () => {
    const scenarios = [
      { id: '1', title: 'web product page, cache off', server: 'web-bff' },
      { id: '4', title: 'baseline aggregator', server: 'baseline' },
    ];
    const results = {
      '1': { server: 'web-bff', runs: [], skipped: 'web-bff: apps/web-bff does not exist yet' },
      '4': resultOf('baseline', [run(12345)]),
    };

    const lines = formatTable(scenarios, results, { baseline: { startToReadyMs: 100 } }).split(
      '\n',
    );

    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1 +web product page, cache off +skipped: web-bff: apps\/web-bff/);
    expect(lines[2]).toMatch(
      /^4 +baseline aggregator +12,345 +\(12,345–12,345\) +2\.00 +9\.00 +0 +0 +81 /,
    );
  });
});
