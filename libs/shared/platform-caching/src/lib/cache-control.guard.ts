import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CACHE_SCOPE_KEY, CACHING_MODULE_OPTIONS } from './caching.constants';
import type { ResolvedCachingOptions } from './caching-options.util';
import type { CacheScopeMetadata } from './cache-scope.decorator';

interface Reply {
  header?: (name: string, value: string) => unknown;
  setHeader?: (name: string, value: string) => unknown;
}

interface Request {
  headers: Record<string, string | string[] | undefined>;
  user?: unknown;
}

/**
 * Writes `Cache-Control` for `@CacheScope()` routes, and `private, no-store` on any response to a
 * request with credentials (global guard, after the auth guard). It never refuses a request: it
 * sets the header before the handler runs, and the problem filter replaces it with `no-store` on
 * an error. A guard rather than an interceptor because one global interceptor puts every request
 * of the app through Nest's rxjs pipeline, ~15% of a cached page's CPU.
 */
@Injectable()
export class CacheControlGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CACHING_MODULE_OPTIONS) private readonly options: ResolvedCachingOptions,
  ) {}

  canActivate(context: ExecutionContext): true {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const value = this.cacheControlOf(context, http.getRequest<Request>());
    if (value) {
      const reply = http.getResponse<Reply>();
      if (reply.header) reply.header('cache-control', value);
      else reply.setHeader?.('cache-control', value);
    }
    return true;
  }

  private cacheControlOf(context: ExecutionContext, request: Request): string | undefined {
    const metadata = this.reflector.getAllAndOverride<CacheScopeMetadata | undefined>(
      CACHE_SCOPE_KEY,
      [context.getHandler(), context.getClass()],
    );
    if (metadata?.scope === 'public') {
      const seconds = Math.floor((metadata.maxAgeMs ?? this.options.ttlMs) / 1000);
      return `public, max-age=${seconds}`;
    }
    // A response computed for a caller must never be kept by a shared cache.
    if (metadata?.scope === 'user' || request.user || request.headers['authorization']) {
      return 'private, no-store';
    }
    return undefined;
  }
}
