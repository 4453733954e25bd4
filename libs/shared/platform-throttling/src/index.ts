export { ThrottlingModule } from './lib/throttling.module';
export { ThrottleTier } from './lib/throttle-tier.decorator';
export { SkipThrottle } from '@nestjs/throttler';
export type {
  ThrottleTierOptions,
  ThrottlingModuleAsyncOptions,
  ThrottlingModuleOptions,
} from './lib/throttling-options.interface';
export { DEFAULT_SKIP_PATHS, DEFAULT_TIER } from './lib/throttling.constants';
