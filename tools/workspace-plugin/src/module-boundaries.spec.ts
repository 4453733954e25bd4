import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const RULE = '@nx/enforce-module-boundaries';

/** The boundary errors ESLint reports for `code` as if it were the file at `path` (not written). */
function boundaryErrors(path: string, code: string): string[] {
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/eslint/bin/eslint.js'),
        '--format',
        'json',
        '--stdin',
        '--stdin-filename',
        path,
      ],
      { cwd: ROOT, input: code, encoding: 'utf-8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
  } catch (error) {
    // ESLint exits 1 when it finds errors; its report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as [{ messages: { ruleId: string; message: string }[] }];
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

// The rules of eslint.config.mjs (STYLE.md), which the bff generator extends for each new BFF.
describe('module boundaries', () => {
  jest.setTimeout(60_000);

  // The rule reads Nx's cached project graph; a fresh clone has none until an nx command runs.
  beforeAll(() => {
    execFileSync(join(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  });

  it('fail the lint when one service imports another', () => {
    const errors = boundaryErrors(
      'apps/order-service/src/app/probe.ts',
      "import { ProductIdParams } from '../../../product-service/src/products/dto/product-id.params';\nexport const probe = ProductIdParams;\n",
    );
    expect(errors).toEqual([expect.stringContaining('Projects cannot be imported by a relative')]);
  });

  it("fail the lint when one BFF's feature imports the other's", () => {
    const errors = boundaryErrors(
      'libs/mobile-bff/feature-products/src/lib/probe.ts',
      "import { ProductPageModule } from '@bff/web-bff/feature-product-page';\nexport const probe = ProductPageModule;\n",
    );
    expect(errors).not.toEqual([]);
  });

  it('let a feature import the shared platform', () => {
    const errors = boundaryErrors(
      'libs/mobile-bff/feature-products/src/lib/probe.ts',
      "import { BffPlatformModule } from '@bff/platform-bff';\nexport const probe = BffPlatformModule;\n",
    );
    expect(errors).toEqual([]);
  });
});
