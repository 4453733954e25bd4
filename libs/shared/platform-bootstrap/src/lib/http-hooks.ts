import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { httpRequestDuration, logRequest } from '@bff/platform-observability';
import { BffError } from '@bff/util-errors';
import { REQUEST_ID_PATTERN } from '@bff/util-models';
import { RequestContext, type RequestContextStore } from '@bff/util-request-context';
import { sendProblem } from './problem.filter';

const CONTEXT = Symbol('bff.requestContext');

type ContextualRequest = FastifyRequest & { [CONTEXT]?: RequestContextStore };

/** Fastify's `genReqId`: keeps a valid incoming `X-Request-Id`, otherwise makes one. */
export function requestIdOf(raw: IncomingMessage): string {
  const incoming = raw.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
    ? incoming
    : randomUUID();
}

/** True when every percent-escape of the query decodes to valid UTF-8. */
function wellFormedQuery(url: string): boolean {
  const start = url.indexOf('?');
  if (start === -1 || url.indexOf('%', start) === -1) return true;
  try {
    decodeURIComponent(url.slice(start + 1).replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

export interface HttpHooksState {
  inFlight: number;
  draining: boolean;
}

export interface HttpHooksOptions {
  state: HttpHooksState;
  /** Where the request line goes. */
  logger: Logger;
  /** Set on every response (see `securityHeaders`). */
  securityHeaders: Readonly<Record<string, string>>;
}

/**
 * Per-request work done in Fastify hooks rather than Nest middleware (cheaper, and it runs for
 * routes Nest does not know): request id header, query encoding check, request context,
 * security headers, latency metrics, the request log line and the in-flight count graceful shutdown waits on.
 */
export function installHttpHooks(
  fastify: FastifyInstance,
  { state, logger, securityHeaders }: HttpHooksOptions,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    state.inFlight++;
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    if (state.draining) reply.header('connection', 'close');
    if (!wellFormedQuery(request.url)) {
      sendProblem(
        reply,
        new BffError('BFF_ERR_BAD_REQUEST', {
          detail: 'The query string is not valid percent-encoding',
        }),
        request.id,
        request.url.split('?')[0],
      );
      return;
    }
    const traceparent = request.headers['traceparent'];
    (request as ContextualRequest)[CONTEXT] = RequestContext.create({
      requestId: request.id,
      traceparent: typeof traceparent === 'string' ? traceparent : undefined,
    });
    done();
  });

  // Entered right before the handler: from here on Nest's guards, pipes, interceptors and the
  // controller all run inside the request's AsyncLocalStorage context.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const store = (request as ContextualRequest)[CONTEXT];
    if (store) RequestContext.enter(store, done);
    else done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    state.inFlight--;
    const route = request.routeOptions.url ?? 'unmatched';
    const durationMs = reply.elapsedTime;
    httpRequestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      durationMs / 1000,
    );
    logRequest(logger, {
      requestId: request.id,
      method: request.method,
      url: request.url,
      route,
      status: reply.statusCode,
      durationMs: Math.round(durationMs),
    });
    done();
  });

  // An aborted request never reaches onResponse.
  fastify.addHook('onRequestAbort', (_request, done) => {
    state.inFlight--;
    done();
  });
}
