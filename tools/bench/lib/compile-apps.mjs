/**
 * Compiles the bench's own Nest apps (tools/bench/src/*.main.ts) and every file they reach,
 * `@bff/*` libraries included, to CommonJS under tmp/bench/ with @swc/core, the compiler the
 * tests use (legacy decorators with metadata). `@bff/*` aliases are rewritten to relative paths
 * from tsconfig.base.json, so the output runs with plain `node`: no register hook whose memory
 * and start-up would be counted against the framework.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFileSync } from '@swc/core';

const SOURCE_EXTENSIONS = ['.ts', '/index.ts', '.js', ''];

function swcOptions(root) {
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  return {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: root,
      paths: compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: false,
    swcrc: false,
    configFile: false,
  };
}

function resolveSource(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const extension of SOURCE_EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      if (extension === '' && !/\.(ts|js)$/.test(candidate)) continue;
      return candidate;
    }
  }
  throw new Error(`Cannot resolve ${specifier} from ${relative(process.cwd(), fromFile)}`);
}

/**
 * @param root the workspace root
 * @param entries paths of the entry files, relative to `root`
 * @param outDir where the tree is mirrored
 * @returns the compiled path of each entry, and how many files were compiled
 *
 * @example
 * const { outputs } = compileApps('/repo', ['tools/bench/src/platform-floor.main.ts'], '/repo/tmp/bench');
 * // outputs[0] === '/repo/tmp/bench/tools/bench/src/platform-floor.main.js'
 */
export function compileApps(root, entries, outDir) {
  const options = swcOptions(root);
  const done = new Set();
  const queue = entries.map((entry) => join(root, entry));
  while (queue.length > 0) {
    const file = queue.pop();
    if (done.has(file)) continue;
    done.add(file);
    const { code } = transformFileSync(file, { ...options, filename: file });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
    for (const [, specifier] of code.matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) {
      queue.push(resolveSource(file, specifier));
    }
  }
  return {
    outputs: entries.map((entry) => join(outDir, entry).replace(/\.ts$/, '.js')),
    files: done.size,
  };
}
