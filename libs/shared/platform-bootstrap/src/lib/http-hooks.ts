import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpRequestDuration, ROUTE_OF_REQUEST } from '@bff/platform-observability';
import { BffError } from '@bff/util-errors';
import { REQUEST_ID_PATTERN } from '@bff/util-models';
import { RequestContext, type RequestContextStore } from '@bff/util-request-context';
import { sendProblem } from './problem.filter';

const CONTEXT = Symbol('bff.requestContext');

type ContextualRequest = FastifyRequest & { [CONTEXT]?: RequestContextStore };

/**
 * Fastify's `genReqId`: keeps a valid incoming `X-Request-Id`, otherwise makes one. The id also
 * goes on the raw request, where the request logger reads it.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const incoming = raw.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
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

/**
 * Per-request work done in Fastify hooks rather than Nest middleware (cheaper, and it runs for
 * routes Nest does not know): request id header, query encoding check, request context,
 * latency metrics and the in-flight count graceful shutdown waits on.
 */
export function installHttpHooks(fastify: FastifyInstance, state: HttpHooksState): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    state.inFlight++;
    const route = request.routeOptions.url ?? 'unmatched';
    (request.raw as IncomingMessage & { [ROUTE_OF_REQUEST]?: string })[ROUTE_OF_REQUEST] = route;
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
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  // An aborted request never reaches onResponse.
  fastify.addHook('onRequestAbort', (_request, done) => {
    state.inFlight--;
    done();
  });
}
