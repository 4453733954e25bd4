/**
 * Builds the BFFs the bench measures, with Nx, as `npx nx run-many -t build` would, and says
 * why each one that cannot run is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The projects Nx lists under "Failed tasks" (`- web-bff:build`); all of them if it lists none. */
export function failedProjects(output, projects) {
  const failed = projects.filter((project) =>
    new RegExp(`^\\s*- ${project}:build\\b`, 'm').test(output),
  );
  return failed.length ? failed : projects;
}

/** Builds the BFFs that exist as projects; returns why each app that cannot run is skipped. */
export function buildBffs(root, servers, skip, log) {
  const projects = [...new Set(Object.values(servers).map((server) => server.project))].filter(
    Boolean,
  );
  const present = projects.filter((project) =>
    existsSync(join(root, 'apps', project, 'project.json')),
  );
  const missing = new Map(
    projects
      .filter((project) => !present.includes(project))
      .map((project) => [project, `apps/${project} does not exist yet`]),
  );
  if (skip || present.length === 0) {
    return { missing, buildMs: undefined, built: [] };
  }
  log(`building ${present.join(', ')} (nx run-many -t build)`);
  const started = performance.now();
  const result = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', present.join(','), '--outputStyle=static'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  );
  const buildMs = performance.now() - started;
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`;
    const failed = failedProjects(output, present);
    const tail = output.trim().split('\n').slice(-15).join('\n');
    log(`build of ${failed.join(', ')} failed (exit ${result.status}):\n${tail}`);
    for (const project of failed) missing.set(project, `build failed (exit ${result.status})`);
  }
  return { missing, buildMs, built: present.filter((project) => !missing.has(project)) };
}
