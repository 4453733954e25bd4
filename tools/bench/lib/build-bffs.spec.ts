import { failedProjects } from './build-bffs.mjs';

const NX_OUTPUT = `
 NX   Running target build for 2 projects failed

Failed tasks:

- mobile-bff:build
`;

describe('failedProjects', () => {
  it('names only the projects Nx lists as failed, so the others are still measured', () => {
    expect(failedProjects(NX_OUTPUT, ['web-bff', 'mobile-bff'])).toEqual(['mobile-bff']);
  });

  it('counts every project as failed when Nx lists none (it failed before building)', () => {
    expect(failedProjects('Could not find Nx modules', ['web-bff', 'mobile-bff'])).toEqual([
      'web-bff',
      'mobile-bff',
    ]);
  });
});
