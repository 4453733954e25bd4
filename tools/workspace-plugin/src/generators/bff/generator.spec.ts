import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { bffGenerator } from './generator';

const ROOT = join(__dirname, '../../../../..');

/** An empty workspace holding the repo's real files the generator edits. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const path of ['eslint.config.mjs', 'tools/scripts/start.mjs']) {
    tree.write(path, readFileSync(join(ROOT, path), 'utf-8'));
  }
  return tree;
}

describe('bff generator', () => {
  it('makes an app of the platform with its own scope, boundary rule and npm start entry', async () => {
    const tree = workspace();
    await bffGenerator(tree, { name: 'partner-bff', port: 3002 });

    const project = readProjectConfiguration(tree, 'partner-bff');
    expect(project.root).toBe('apps/partner-bff');
    expect(project.tags).toEqual(['scope:partner-bff', 'type:app']);
    expect(tree.read('apps/partner-bff/src/app/app.module.ts', 'utf-8')).toContain(
      'BffPlatformModule.forRoot()',
    );
    const options = tree.read('apps/partner-bff/src/app/app.options.ts', 'utf-8');
    expect(options).toContain('defaultPort: 3002');
    expect(options).toContain("name: 'partner-bff'");
    expect(options).toContain("import { PartnerBffEnv } from './partner-bff.env';");
    expect(tree.read('apps/partner-bff/src/main.ts', 'utf-8')).toContain(
      'runApp(AppModule, partnerBffOptions)',
    );
    expect(tree.read('apps/partner-bff/webpack.config.js', 'utf-8')).toContain(
      "'../../dist/apps/partner-bff'",
    );
    expect(tree.read('apps/partner-bff/tsconfig.json', 'utf-8')).toContain(
      '"../../tsconfig.base.json"',
    );
    expect(tree.children('apps/partner-bff/src/app').sort()).toEqual([
      'app.module.ts',
      'app.options.ts',
      'partner-bff.env.ts',
    ]);
    expect(tree.read('eslint.config.mjs', 'utf-8')).toContain(
      "{ sourceTag: 'scope:partner-bff', onlyDependOnLibsWithTags: ['scope:partner-bff', 'scope:shared'] },",
    );
    const start = tree.read('tools/scripts/start.mjs', 'utf-8') ?? '';
    expect(start).toContain("{ name: 'partner-bff', port: 3002 },");
    expect(start.indexOf("name: 'mobile-bff'")).toBeLessThan(start.indexOf("name: 'partner-bff'"));
  });

  it('keeps its markers, so a second BFF goes in after the first', async () => {
    const tree = workspace();
    await bffGenerator(tree, { name: 'partner-bff', port: 3002 });
    await bffGenerator(tree, { name: 'kiosk-bff', port: 3003 });
    const start = tree.read('tools/scripts/start.mjs', 'utf-8') ?? '';
    expect(start.indexOf('partner-bff')).toBeLessThan(start.indexOf('kiosk-bff'));
    expect(tree.read('eslint.config.mjs', 'utf-8')).toContain("sourceTag: 'scope:kiosk-bff'");
  });

  it.each([
    ['a name without -bff', { name: 'partner', port: 3002 }, /not a BFF name/],
    ['a name that is not kebab-case', { name: 'Partner_bff', port: 3002 }, /not a BFF name/],
    ['an existing app', { name: 'web-bff', port: 3002 }, /exists already/],
    ["a port of the stack's", { name: 'partner-bff', port: 3101 }, /taken/],
    ['a port out of range', { name: 'partner-bff', port: 80 }, /--port/],
  ])('refuses %s and writes nothing', async (_, options, message) => {
    const tree = workspace();
    if (options.name === 'web-bff') tree.write('apps/web-bff/project.json', '{}');
    const before = tree.listChanges().length;
    await expect(bffGenerator(tree, options)).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
  });
});
