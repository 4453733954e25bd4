/**
 * Scenario 5, the framework floor of the platform: the constant route in an app made by the
 * platform's own `createApp`, so it carries the same stack as a BFF (pino logs, request ids and
 * context, metrics hooks, helmet, problem filter, validation pipe).
 *
 * The runner compiles it with lib/compile-apps.mjs; by hand:
 *   SWC_NODE_PROJECT=tools/bench/tsconfig.json PORT=3900 \
 *     node -r @swc-node/register tools/bench/src/platform-floor.main.ts
 */
import 'reflect-metadata';
// The floor must carry the platform's own stack, which the type:tool rule (type:util only) forbids.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runApp } from '@bff/platform-bootstrap';
import { ConstantModule } from './constant.module';

void runApp(ConstantModule, { name: 'bench-floor', defaultPort: 3900 });
