import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  BffError,
  type ErrorCode,
  ERROR_CATALOGUE,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  problemType,
} from '@bff/util-errors';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BFF_ERR_BAD_REQUEST',
  401: 'BFF_ERR_UNAUTHORIZED',
  403: 'BFF_ERR_FORBIDDEN',
  404: 'BFF_ERR_NOT_FOUND',
  405: 'BFF_ERR_METHOD_NOT_ALLOWED',
  409: 'BFF_ERR_CONFLICT',
  413: 'BFF_ERR_PAYLOAD_TOO_LARGE',
  415: 'BFF_ERR_UNSUPPORTED_MEDIA_TYPE',
  422: 'BFF_ERR_IDEMPOTENCY_KEY_REUSED',
  429: 'BFF_ERR_RATE_LIMITED',
  503: 'BFF_ERR_SHUTTING_DOWN',
};

/** Fastify's own client errors whose message is safe and useful to show. */
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty but Content-Type is application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is larger than the limit',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'The body must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
  FST_ERR_BAD_URL: 'The URL is malformed',
};

/**
 * Maps any error to a `BffError`: typed errors as they are, Nest and Fastify client errors by
 * status, everything else to a 500 whose details stay in the logs.
 */
export function toBffError(error: unknown): BffError {
  if (error instanceof BffError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      STATUS_CODES[status] ?? (status >= 500 ? 'BFF_ERR_INTERNAL' : 'BFF_ERR_BAD_REQUEST');
    const headers = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : undefined;
    return new BffError(code, { status, headers, cause: error });
  }
  const fastifyError = error as { statusCode?: number; code?: string };
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const status = fastifyError.statusCode;
    return new BffError(STATUS_CODES[status] ?? 'BFF_ERR_BAD_REQUEST', {
      status,
      detail: FASTIFY_DETAILS[fastifyError.code ?? ''],
      cause: error,
    });
  }
  return new BffError('BFF_ERR_INTERNAL', { cause: error });
}

/** The RFC 9457 body of an error; nothing from `cause` is ever included. */
export function problemBody(error: BffError, requestId: string, instance?: string): ProblemDetails {
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: error.title ?? ERROR_CATALOGUE[error.code].title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    code: error.code,
    requestId,
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}

/** One place where every error becomes `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toBffError(exception);

    if (error.status >= 500) {
      this.logger.error(
        {
          err: error.cause ?? error,
          code: error.code,
          upstream: error.upstream,
          requestId: request.id,
        },
        error.message,
      );
    }
    sendProblem(reply, error, request.id, request.url?.split('?')[0]);
  }
}

/** Writes a problem response on a Fastify reply (also used outside Nest's pipeline). */
export function sendProblem(
  reply: FastifyReply,
  error: BffError,
  requestId: string,
  instance?: string,
): void {
  if (reply.sent) return;
  if (error.headers) reply.headers(error.headers);
  reply
    .status(error.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(problemBody(error, requestId, instance));
}
