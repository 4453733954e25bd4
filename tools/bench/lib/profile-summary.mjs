/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `BENCH_PROFILE=web-bff npm run bench`):
 * busy time by package or workspace file (inclusive: a package's own code and everything it
 * calls) and the functions with the most self time. Idle time is left out of the percentages.
 *
 *   node tools/bench/lib/profile-summary.mjs <file.cpuprofile> [rows]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const IDLE = new Set(['(idle)']);

/** `@nestjs/core`, `fastify`, `libs/shared/platform-bootstrap/…`, or undefined for Node's own. */
function ownerOf(url) {
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  const workspace = /\/((?:libs|apps|tools)\/.*)$/.exec(url);
  return workspace
    ? workspace[1].replace(/^(libs\/[^/]+\/[^/]+|apps\/[^/]+|tools\/[^/]+).*/, '$1')
    : undefined;
}

/**
 * @returns {{ busyMs: number, byOwner: [string, number][], bySelf: [string, number][] }}
 *   shares of busy time, largest first
 */
export function summariseProfile(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const timeOf = new Map();
  profile.samples.forEach((id, index) => {
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  let busy = 0;
  const self = new Map();
  const owners = new Map();
  for (const [id, micros] of timeOf) {
    const frame = nodes.get(id).callFrame;
    if (IDLE.has(frame.functionName)) continue;
    busy += micros;
    const where = frame.url
      ? `${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`
      : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    self.set(name, (self.get(name) ?? 0) + micros);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const owner = ownerOf(nodes.get(at).callFrame.url);
      if (owner && !seen.has(owner)) {
        seen.add(owner);
        owners.set(owner, (owners.get(owner) ?? 0) + micros);
      }
    }
  }
  const shares = (map) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([key, micros]) => [key, busy ? micros / busy : 0]);
  return { busyMs: busy / 1000, byOwner: shares(owners), bySelf: shares(self) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, rows = '25'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node tools/bench/lib/profile-summary.mjs <file.cpuprofile> [rows]');
    process.exit(2);
  }
  const { busyMs, byOwner, bySelf } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')));
  const percent = ([key, share]) => `${(share * 100).toFixed(1).padStart(5)}%  ${key}`;
  console.log(`busy ${busyMs.toFixed(0)} ms\n\ninclusive, by package or workspace project:`);
  console.log(byOwner.slice(0, Number(rows)).map(percent).join('\n'));
  console.log('\nself time, by function:');
  console.log(bySelf.slice(0, Number(rows)).map(percent).join('\n'));
}
