import { parseProcStat } from './process-stats.mjs';

const fields = (comm: string) =>
  `4242 (${comm}) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 89 10 20 0 11 0 5000 1000000 20000`;

describe('parseProcStat', () => {
  it('reads user, system and waited-for children CPU ticks', () => {
    expect(parseProcStat(fields('node'))).toEqual({
      utime: 1234,
      stime: 567,
      cutime: 89,
      cstime: 10,
    });
  });

  it('counts fields from the last parenthesis, since a command name may hold spaces and ")"', () => {
    expect(parseProcStat(fields('my (odd) name'))).toEqual({
      utime: 1234,
      stime: 567,
      cutime: 89,
      cstime: 10,
    });
  });

  it('rejects a truncated line rather than returning NaN', () => {
    expect(() => parseProcStat('4242 (node) S 1 4242')).toThrow(/Truncated/);
  });
});
