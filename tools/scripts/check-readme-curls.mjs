#!/usr/bin/env node
// Runs every curl command in the README's ```bash blocks against a running stack (`npm start` in
// another terminal) and fails when one answers an HTTP status ≥ 400 that its line does not announce
// in a comment (`# 304`, `# 201; 409 …`). Each block runs in one `bash -e` session, after the
// README's own TOKEN=/KEY= lines, so its variables work as they do for a reader.
//
//   node tools/scripts/check-readme-curls.mjs              # README.md of the workspace
//   node tools/scripts/check-readme-curls.mjs other.md
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = process.argv[2] ?? join(root, 'README.md');
const BLOCK_TIMEOUT_MS = 120_000;

/** The block's logical commands: `\`-continued lines joined, blank and comment-only lines left out. */
function commandsOf(block) {
  const commands = [];
  let current = '';
  for (const line of block.split('\n')) {
    current += current ? `\n${line}` : line;
    if (/\\$/.test(line)) continue;
    if (current.trim() && !current.trim().startsWith('#')) commands.push(current);
    current = '';
  }
  return commands;
}

/** The trailing `# …` comment of a command, outside quotes. */
function commentOf(command) {
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (char === '\\' && quote !== "'") i++;
    else if (quote) {
      if (char === quote) quote = '';
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(command[i - 1]))) return command.slice(i + 1);
  }
  return '';
}

const isCurl = (command) => /(^|[\s$(|;&])curl\s/.test(command);
const assigned = (command) => /^([A-Za-z_]\w*)=/.exec(command)?.[1];
const oneLine = (command) =>
  command
    .replace(/\\\n\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const blocks = [...readFileSync(readme, 'utf8').matchAll(/^```bash\n([\s\S]*?)^```/gm)].map(
  (match) => commandsOf(match[1]),
);
const prelude = new Map();
for (const command of blocks.flat()) {
  const name = assigned(command);
  if ((name === 'TOKEN' || name === 'KEY') && !prelude.has(name)) prelude.set(name, command);
}

// Records the final HTTP status of every curl call (0 when nothing answered) for the command running.
const CURL_WRAPPER = `
curl() {
  local headers rc
  headers=$(mktemp)
  command curl -sS --max-time 15 -D "$headers" "$@"
  rc=$?
  echo "$__CMD status $(awk '/^HTTP\\//{s=$2} END{print s+0}' "$headers")" >>"$__RESULTS"
  rm -f "$headers"
  return $rc
}`;

const work = mkdtempSync(join(tmpdir(), 'readme-curls-'));
let passed = 0;
let failed = 0;

try {
  for (const [blockIndex, commands] of blocks.entries()) {
    if (!commands.some(isCurl)) continue;
    const own = new Set(commands.map(assigned).filter(Boolean));
    const script = [CURL_WRAPPER, `__RESULTS=${work}/results-${blockIndex}`, '__CMD=prelude'];
    for (const [name, command] of prelude) if (!own.has(name)) script.push(command);
    const checked = [];
    for (const command of commands) {
      if (!isCurl(command)) {
        script.push(command);
        continue;
      }
      const id = checked.length;
      checked.push(command);
      const name = assigned(command);
      script.push(
        `__CMD=${id}; __rc=0`,
        `{\n${command}\n} >"${work}/out-${blockIndex}-${id}" 2>&1 || __rc=$?`,
        name ? `[ -n "$${name}" ] && [ "$${name}" != undefined ] || __rc=98` : ':',
        `echo "${id} exit $__rc" >>"$__RESULTS"`,
      );
    }
    writeFileSync(join(work, `results-${blockIndex}`), '');
    const run = spawnSync('bash', ['-e', '-c', script.join('\n')], {
      cwd: root,
      encoding: 'utf8',
      timeout: BLOCK_TIMEOUT_MS,
    });
    const results = readFileSync(join(work, `results-${blockIndex}`), 'utf8')
      .trim()
      .split('\n');

    for (const [id, command] of checked.entries()) {
      const mine = results.map((line) => line.split(' ')).filter(([cmd]) => cmd === String(id));
      const statuses = mine.filter(([, kind]) => kind === 'status').map(([, , value]) => +value);
      const exit = mine.find(([, kind]) => kind === 'exit')?.[2];
      const expected = (commentOf(command).match(/\b[1-5]\d\d\b/g) ?? []).map(Number);
      const answered = statuses.filter((s) => s > 0);
      const unexpected = answered.filter((s) => s >= 400 && !expected.includes(s));
      const problems = [];
      if (exit === undefined)
        problems.push(`did not run (bash exited ${run.status ?? run.signal})`);
      else if (exit === '98') problems.push(`left $${assigned(command)} empty`);
      else if (exit !== '0') problems.push(`exited ${exit}`);
      if (answered.length < statuses.length) problems.push('no HTTP answer');
      if (unexpected.length)
        problems.push(`HTTP ${unexpected.join(', ')} not announced in the README`);
      const note =
        expected.length && answered.some((s) => !expected.includes(s))
          ? ` (README announces ${expected.join('/')})`
          : '';
      const shown = statuses.join(',') || '---';
      if (problems.length) {
        failed++;
        let output = '';
        try {
          output = readFileSync(join(work, `out-${blockIndex}-${id}`), 'utf8')
            .trim()
            .slice(0, 400);
        } catch {
          output = run.stderr.trim().slice(0, 400);
        }
        console.log(`FAIL ${shown.padEnd(7)} ${oneLine(command)}`);
        console.log(`     ${problems.join('; ')}${note}`);
        if (output) console.log(output.replace(/^/gm, '     | '));
      } else {
        passed++;
        console.log(`pass ${shown.padEnd(7)} ${oneLine(command)}${note}`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\n${passed} passed, ${failed} failed (${readme})`);
process.exitCode = failed ? 1 : 0;
