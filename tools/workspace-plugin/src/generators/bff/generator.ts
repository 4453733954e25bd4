import { join } from 'node:path';
import { formatFiles, generateFiles, names, offsetFromRoot, type Tree } from '@nx/devkit';

export interface BffGeneratorSchema {
  /** kebab-case, ending in `-bff` (e.g. `partner-bff`). */
  name: string;
  /** Default port; `PORT` overrides it at run time. */
  port: number;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-bff$/;
/** Ports of the reference services and the existing BFFs (CONTRACT section 1). */
const TAKEN_PORTS = [3000, 3001, 3100, 3101, 3102, 3103];

/** Where the generator adds a line: the marker comment it inserts above. */
const ESLINT_MARKER = '  // BFF_SCOPES:';
const START_MARKER = '  // BFF_APPS:';

function insertAbove(tree: Tree, path: string, marker: string, line: string): void {
  const text = tree.read(path, 'utf-8');
  if (!text?.includes(marker)) {
    throw new Error(`${path} has lost its "${marker.trim()}" marker line; add the BFF by hand`);
  }
  tree.write(path, text.replace(marker, `${line}\n${marker}`));
}

/**
 * A new BFF app: `apps/<name>` with its AppModule (the platform module, ready for feature
 * modules), options, env class, build and lint set-up; a module-boundary rule so that it sees
 * only its own scope and `scope:shared`; and an entry in `npm start`.
 *
 * @example
 * npx nx g @bff/workspace-plugin:bff partner-bff --port 3002
 */
export async function bffGenerator(tree: Tree, options: BffGeneratorSchema): Promise<void> {
  const { name, port } = options;
  if (!NAME.test(name)) {
    throw new Error(`"${name}" is not a BFF name: kebab-case ending in -bff, e.g. partner-bff`);
  }
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`--port must be an integer from 1024 to 65535, got ${port}`);
  }
  const root = `apps/${name}`;
  if (tree.exists(root)) throw new Error(`${root} exists already`);
  const start = tree.read('tools/scripts/start.mjs', 'utf-8') ?? '';
  if (TAKEN_PORTS.includes(port) || start.includes(`port: ${port} }`)) {
    throw new Error(`Port ${port} is taken by another app of the stack`);
  }

  const { className, propertyName } = names(name);
  generateFiles(tree, join(__dirname, 'files'), root, {
    name,
    port,
    className,
    propertyName,
    offset: offsetFromRoot(root),
    tmpl: '',
  });
  insertAbove(
    tree,
    'eslint.config.mjs',
    ESLINT_MARKER,
    `  { sourceTag: 'scope:${name}', onlyDependOnLibsWithTags: ['scope:${name}', 'scope:shared'] },`,
  );
  insertAbove(
    tree,
    'tools/scripts/start.mjs',
    START_MARKER,
    `  { name: '${name}', port: ${port} },`,
  );
  await formatFiles(tree);
}

export default bffGenerator;
