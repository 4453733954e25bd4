import { SetMetadata } from '@nestjs/common';
import { CACHE_SCOPE_KEY } from './caching.constants';
import type { CacheValueScope } from './cache-scope.interface';

export interface CacheScopeMetadata {
  scope: CacheValueScope;
  maxAgeMs?: number;
}

/**
 * Sets the response's `Cache-Control`: `public, max-age=<s>` (the module's `ttlMs` unless
 * `maxAgeMs` is given) or `private, no-store` for `user`. Routes without it that were called
 * with credentials get `private, no-store` anyway; errors are always `no-store`.
 *
 * @example
 * @CacheScope('public')
 * @Get('products/:id')
 * product(@Param('id') id: string) {
 *   return this.cache.getOrSet(`product-page:${id}`, { scope: 'public' }, () => this.load(id));
 * }
 */
export const CacheScope = (scope: CacheValueScope, options: { maxAgeMs?: number } = {}) =>
  SetMetadata(CACHE_SCOPE_KEY, { scope, maxAgeMs: options.maxAgeMs } satisfies CacheScopeMetadata);
