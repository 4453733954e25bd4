/**
 * What the bench reads of a process from Linux's /proc: CPU time (user + system, all threads),
 * peak resident set size, and the reset of that peak between scenarios.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

let clockTicks;

/** Clock ticks per second, the unit of /proc/<pid>/stat times (100 on every usual Linux). */
export function clockTicksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * The CPU fields of a /proc/<pid>/stat line, in clock ticks: the process's own user and system
 * time, and that of its children already waited for. The command name may hold spaces and
 * parentheses, so fields are counted from the last `)`.
 *
 * @example
 * parseProcStat('42 (node) S 1 … 120 30 5 2 …'); // { utime: 120, stime: 30, cutime: 5, cstime: 2 }
 */
export function parseProcStat(text) {
  const end = text.lastIndexOf(')');
  if (end === -1) throw new Error('Not a /proc/<pid>/stat line');
  // After ") " comes field 3 (state); utime is field 14.
  const fields = text
    .slice(end + 2)
    .trim()
    .split(/\s+/);
  const field = (n) => Number(fields[n - 3]);
  const stat = { utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
  if (Object.values(stat).some((value) => !Number.isFinite(value))) {
    throw new Error('Truncated /proc/<pid>/stat line');
  }
  return stat;
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid) {
  const { utime, stime } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return (utime + stime) / clockTicksPerSecond();
}

/** Peak resident set size (VmHWM) in bytes, or undefined when unreadable. */
export function peakRssBytes(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not allowed. */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
