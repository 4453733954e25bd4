import type { Params } from 'nestjs-pino';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { RequestContext } from '@bff/util-request-context';

/** Header and body paths never written to a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'accessToken',
  'token',
  'password',
];

const QUIET_PATHS = ['/health/', '/metrics'];

/**
 * The app's one pino logger: JSON lines on stdout, credentials redacted, and the request id of
 * the request being served (from the request context) on every line written while serving it.
 */
export function createRootLogger(
  app: string,
  level: string,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { app },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    messageKey: 'msg',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const context = RequestContext.current();
      return context ? { requestId: context.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * nestjs-pino options: Nest's logger writes through `logger`. Its per-request pino-http
 * middleware is not mounted (no routes): it would make a child logger per request and bring in
 * Fastify's middleware layer, about half the CPU of a constant route. The request line is written
 * by {@link logRequest} from the platform's Fastify `onResponse` hook instead.
 */
export function loggingParams(logger: Logger): Params {
  return {
    forRoutes: [],
    pinoHttp: { logger },
  };
}

/** What the request line says about a finished request. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  /** The URL as requested; only its path is logged. */
  url: string;
  /** The matched route template, or `unmatched`. */
  route: string;
  status: number;
  durationMs: number;
}

/**
 * Writes the one line per request (probes and scrapes excepted): `info`, `warn` for 4xx,
 * `error` for 5xx. Headers, where credentials live, are never on it.
 */
export function logRequest(logger: Logger, entry: RequestLogEntry): void {
  const level = entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const path = entry.url.split('?')[0];
  if (QUIET_PATHS.some((quiet) => path.startsWith(quiet))) return;
  logger[level](
    {
      requestId: entry.requestId,
      route: entry.route,
      req: { method: entry.method, path },
      res: { status: entry.status },
      durationMs: entry.durationMs,
    },
    entry.status >= 500 ? 'request errored' : 'request completed',
  );
}
