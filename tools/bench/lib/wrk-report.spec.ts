import { parseWrkReport } from './wrk-report.mjs';

const REPORT =
  'WRK_JSON {"durationUs":2000000,"requests":30000,"bytes":5000000,"degraded":7,' +
  '"errors":{"connect":0,"read":1,"write":0,"status":12,"timeout":2},' +
  '"latencyUs":{"min":21,"mean":1364.7,"stdev":3777.8,"max":55370,' +
  '"p50":154,"p75":749,"p90":3580,"p99":17570,"p999":44450}}';

const STDOUT = [
  'Running 2s test @ http://127.0.0.1:3000/api/v1/products/p-0001',
  '  1 threads and 32 connections',
  '  30000 requests in 2.00s, 4.77MB read',
  'Requests/sec:  15000.00',
  REPORT,
  '',
].join('\n');

describe('parseWrkReport', () => {
  it('reads requests per second from the requests and the measured duration', () => {
    const report = parseWrkReport(STDOUT);

    expect(report.requests).toBe(30000);
    expect(report.durationS).toBe(2);
    expect(report.requestsPerSecond).toBe(15000);
  });

  it('gives latency percentiles in milliseconds', () => {
    const { latencyMs } = parseWrkReport(STDOUT);

    expect(latencyMs['p50']).toBeCloseTo(0.154);
    expect(latencyMs['p99']).toBeCloseTo(17.57);
    expect(latencyMs['max']).toBeCloseTo(55.37);
  });

  it('counts error statuses, socket errors and timeouts together, and keeps them apart too', () => {
    const report = parseWrkReport(STDOUT);

    expect(report.errors).toBe(15);
    expect(report.errorsByKind).toEqual({ connect: 0, read: 1, write: 0, status: 12, timeout: 2 });
  });

  it('reports the 200 answers that came without every part', () => {
    expect(parseWrkReport(STDOUT).degraded).toBe(7);
    expect(parseWrkReport(STDOUT.replace('"degraded":7,', '')).degraded).toBe(0);
  });

  it('takes the last report when the output holds several', () => {
    const later = REPORT.replace('"requests":30000', '"requests":40000');

    expect(parseWrkReport(`${REPORT}\n${later}\n`).requests).toBe(40000);
  });

  it('fails with the end of the output when wrk printed no report', () => {
    expect(() =>
      parseWrkReport('unable to connect to 127.0.0.1:3000 Connection refused\n'),
    ).toThrow(/no report: unable to connect/);
  });
});
