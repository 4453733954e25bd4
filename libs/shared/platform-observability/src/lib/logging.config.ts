import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { Options } from 'pino-http';

/** Where the platform leaves the matched route template on the raw request, for the log line. */
export const ROUTE_OF_REQUEST = Symbol.for('bff.route');

type RawRequest = IncomingMessage & { id?: string; [ROUTE_OF_REQUEST]?: string };

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
 * nestjs-pino options: JSON lines on stdout, one per request with request id, route, status and
 * duration; credentials redacted; probes and scrapes not logged.
 */
export function loggingParams(app: string, level: string): Params {
  const pinoHttp: Options<RawRequest, ServerResponse> = {
    level,
    base: { app },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    messageKey: 'msg',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req: RawRequest) => req.id ?? 'unknown',
    customAttributeKeys: { responseTime: 'durationMs' },
    autoLogging: {
      ignore: (req: RawRequest) => QUIET_PATHS.some((path) => req.url?.startsWith(path)),
    },
    // Called when the request starts (the route is not matched yet) and again when it ends:
    // each call adds only what it knows, so no key appears twice on the line.
    customProps: (req: RawRequest, res: ServerResponse) =>
      res.headersSent ? { route: req[ROUTE_OF_REQUEST] ?? 'unmatched' } : { requestId: req.id },
    customLogLevel: (_req, res: ServerResponse, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      // Only what an operator needs: headers (where credentials live) are left out entirely.
      req: (req: { method: string; url: string }) => ({
        method: req.method,
        path: req.url?.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  };
  // A named wildcard: path-to-regexp 8 (Nest 11) rejects the bare `*` nestjs-pino uses by default.
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: pinoHttp as Params['pinoHttp'],
  };
}
