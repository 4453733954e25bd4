export { CachingModule } from './lib/caching.module';
export { CacheService } from './lib/cache.service';
export { CacheScope } from './lib/cache-scope.decorator';
export type { CacheValueScope, GetOrSetOptions } from './lib/cache-scope.interface';
export type {
  CachingModuleAsyncOptions,
  CachingModuleOptions,
} from './lib/caching-options.interface';
