/**
 * Scenario A, the adapter comparison of issue 4: the constant route in a bare Nest app (no
 * platform stack) on the adapter named by the first argument.
 *
 * The runner compiles it with lib/compile-apps.mjs; by hand:
 *   SWC_NODE_PROJECT=tools/bench/tsconfig.json PORT=3901 node -r @swc-node/register \
 *     tools/bench/src/adapter-floor.main.ts express|fastify
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ConstantModule } from './constant.module';

async function main(adapter: string): Promise<void> {
  const app =
    adapter === 'fastify'
      ? await NestFactory.create(ConstantModule, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(ConstantModule, { logger: false });
  await app.listen(Number(process.env['PORT'] ?? 0), process.env['HOST'] ?? '127.0.0.1');
  // A normal exit, so that `--cpu-prof` writes its profile.
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

const adapter = process.argv[2] ?? 'fastify';
if (adapter !== 'express' && adapter !== 'fastify') {
  throw new Error(`Unknown adapter "${adapter}": expected express or fastify`);
}
void main(adapter);
