import type { HttpService } from '@nestjs/axios';
import { RequestContext } from '@bff/util-request-context';
import axios, { type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import type { CallOptions } from './call-options.interface';
import type { CircuitBreaker } from './circuit-breaker';
import { Deadline } from './deadline.util';
import type { ShapeGuard } from './response-shape.util';
import type { RetryPolicy } from './retry.policy';
import type { ServiceName } from './service-clients.constants';
import type { ServiceOptions } from './service-clients-options.interface';
import {
  type AttemptDescription,
  circuitOpenError,
  failureFromBody,
  failureFromError,
  failureFromStatus,
  type UpstreamFailure,
} from './upstream-error.mapper';
import { upstreamDuration, upstreamRetries } from './upstream.metrics';

/** One logical call to a service, as the typed clients describe it. */
export interface UpstreamRequest<T> {
  method: 'GET' | 'POST';
  /** Route template for metrics (`/products/:id`); never carries raw ids. */
  route: string;
  /** Path and query, already validated and percent-encoded (`/products/p1`). */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  idempotencyKey?: string;
  /** Bearer token to relay; only clients acting for the user pass one. */
  accessToken?: string;
  /** Checks the parsed 2xx body; `null` accepts any answer without reading it as JSON. */
  shape: ShapeGuard<T> | null;
  /** Refines the generic mapping of a non-2xx status (e.g. 422 → idempotency key reused). */
  mapFailure?: (failure: UpstreamFailure, status: number) => UpstreamFailure;
  /** Health checks go around the breaker and are never retried. */
  probe?: boolean;
}

/**
 * Without a cancel token, `HttpService` makes one per call and cancels it when the observable
 * completes, which builds a `CanceledError` (with a stack trace) for every successful call.
 * Cancellation goes through `signal`; this token never fires.
 */
const NEVER_CANCELLED = new axios.CancelToken(() => undefined);

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: UpstreamFailure };

/**
 * The request path to one downstream service: circuit breaker, deadline, retry, propagation
 * headers, response checks, typed errors and metrics, over an `HttpService` whose axios instance
 * sends through the service's undici pool.
 */
export class ServiceTransport {
  constructor(
    readonly service: ServiceName,
    readonly options: ServiceOptions,
    readonly http: HttpService,
    readonly breaker: CircuitBreaker,
    private readonly retry: RetryPolicy,
    private readonly pathPrefix: string,
  ) {}

  async send<T>(request: UpstreamRequest<T>, options: CallOptions = {}): Promise<T> {
    const permit = request.probe ? null : this.breaker.acquire();
    if (!request.probe && !permit) {
      this.observe(request, 'circuit_open', 0);
      throw circuitOpenError(this.service, this.breaker.retryAfterMs());
    }
    const budget = Math.min(this.options.timeoutMs, options.timeoutMs ?? Infinity);
    const deadline = new Deadline(budget, options.signal);
    const headers = this.headers(request);
    const data = request.body === undefined ? undefined : JSON.stringify(request.body);
    try {
      for (let attempt = 1; ; attempt += 1) {
        const result = await this.attempt(request, headers, data, deadline);
        if (result.ok) {
          permit?.success();
          return result.value;
        }
        const { failure } = result;
        const delay = request.probe
          ? null
          : this.retry.nextDelay({
              attempt,
              method: request.method,
              hasIdempotencyKey: request.idempotencyKey !== undefined,
              transient: failure.transient,
              remainingMs: deadline.remainingMs(),
            });
        if (delay !== null) {
          upstreamRetries.inc({
            service: this.service,
            route: request.route,
            method: request.method,
          });
          try {
            await deadline.sleep(delay);
            continue;
          } catch {
            // The caller gave up during the backoff: report the failure we have.
          }
        }
        if (failure.verdict === 'failure') permit?.failure();
        else if (failure.verdict === 'success') permit?.success();
        else permit?.release();
        throw failure.error;
      }
    } finally {
      deadline.dispose();
    }
  }

  private headers(request: UpstreamRequest<unknown>): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const context = RequestContext.current();
    if (context) {
      headers['x-request-id'] = context.requestId;
      headers['traceparent'] = RequestContext.traceparent() as string;
    }
    if (request.accessToken) headers['authorization'] = `Bearer ${request.accessToken}`;
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  private async attempt<T>(
    request: UpstreamRequest<T>,
    headers: Record<string, string>,
    data: string | undefined,
    deadline: Deadline,
  ): Promise<Outcome<T>> {
    const described: AttemptDescription = {
      service: this.service,
      method: request.method,
      route: request.route,
      path: request.path,
    };
    const started = performance.now();
    let outcome: Outcome<T>;
    try {
      const response: AxiosResponse<string> = await firstValueFrom(
        this.http.request<string>({
          method: request.method,
          url: this.pathPrefix + request.path,
          headers,
          data,
          signal: deadline.signal,
          cancelToken: NEVER_CANCELLED,
        }),
      );
      outcome = this.read(request, described, response);
    } catch (error) {
      const aborted = deadline.why ? { why: deadline.why, budgetMs: deadline.budgetMs } : null;
      outcome = { ok: false, failure: failureFromError(described, error, aborted) };
    }
    this.observe(request, outcome.ok ? 'ok' : outcome.failure.outcome, performance.now() - started);
    return outcome;
  }

  private read<T>(
    request: UpstreamRequest<T>,
    described: AttemptDescription,
    response: AxiosResponse<string>,
  ): Outcome<T> {
    const { status, data: body } = response;
    if (status < 200 || status > 299) {
      const failure = failureFromStatus(described, status, body);
      return { ok: false, failure: request.mapFailure?.(failure, status) ?? failure };
    }
    if (request.shape === null) return { ok: true, value: undefined as T };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return {
        ok: false,
        failure: failureFromBody(described, status, body, 'malformed JSON', error),
      };
    }
    if (!request.shape(parsed)) {
      return { ok: false, failure: failureFromBody(described, status, body, 'unexpected shape') };
    }
    return { ok: true, value: parsed };
  }

  private observe(request: UpstreamRequest<unknown>, outcome: string, ms: number): void {
    upstreamDuration.observe(
      { service: this.service, route: request.route, method: request.method, outcome },
      ms / 1000,
    );
  }
}
