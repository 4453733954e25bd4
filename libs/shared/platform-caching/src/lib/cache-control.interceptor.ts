import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable, tap } from 'rxjs';
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

/** Writes `Cache-Control` on successful responses from `@CacheScope()` (global interceptor). */
@Injectable()
export class CacheControlInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CACHING_MODULE_OPTIONS) private readonly options: ResolvedCachingOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const value = this.cacheControlOf(context, http.getRequest<Request>());
    if (!value) return next.handle();
    const reply = http.getResponse<Reply>();
    return next.handle().pipe(
      tap(() => {
        if (reply.header) reply.header('cache-control', value);
        else reply.setHeader?.('cache-control', value);
      }),
    );
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
