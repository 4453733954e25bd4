export type { AppOptions } from './lib/app-options.interface';
export { APP_NAME, createApp, drain, runApp } from './lib/create-app';
export { InvalidConfigError, loadEnv, PlatformEnv } from './lib/platform-env';
export { problemBody, toBffError } from './lib/problem.filter';
