export type { BffPlatformOptions } from './lib/bff-platform-options.interface';
export { BffPlatformModule } from './lib/bff-platform.module';
export { BffEnv, commaSeparated } from './lib/bff.env';
