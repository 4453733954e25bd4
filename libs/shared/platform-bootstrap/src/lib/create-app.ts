import {
  type DynamicModule,
  Global,
  Logger as NestLogger,
  Module,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { pino } from 'pino';
import { LifecycleService, ObservabilityModule, ROOT_LOGGER } from '@bff/platform-observability';
import type { AppOptions } from './app-options.interface';
import { type HttpHooksState, installHttpHooks, requestIdOf } from './http-hooks';
import { InvalidConfigError, loadEnv, PlatformEnv } from './platform-env';
import { ProblemFilter, sendProblem, toBffError } from './problem.filter';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from './security-headers';
import { createValidationPipe } from './validation.pipe';

const DEFAULT_BODY_LIMIT = 100 * 1024;
const DEFAULT_DRAIN_MS = 10_000;
/** Per app, keyed by its HTTP server: Nest's app object is a proxy that takes no own fields. */
const hookStates = new WeakMap<object, HttpHooksState>();

/** The app's name (`AppOptions.name`), injectable, e.g. as a cache namespace. */
export const APP_NAME = 'PLATFORM:APP_NAME';

@Global()
@Module({})
class PlatformEnvModule {
  static register(name: string, envClass: Type<PlatformEnv>, env: PlatformEnv): DynamicModule {
    const providers: { provide: unknown; useValue: unknown }[] = [
      { provide: PlatformEnv, useValue: env },
      { provide: APP_NAME, useValue: name },
    ];
    if (envClass !== PlatformEnv) providers.push({ provide: envClass, useValue: env });
    return {
      exports: providers.map((p) => p.provide as string),
      module: PlatformEnvModule,
      providers: providers as never,
    };
  }
}

@Module({})
class PlatformRootModule {}

/**
 * Builds a configured, initialised (not yet listening) Nest app on Fastify with everything the
 * platform gives every app: validated env, JSON logs, request ids and trace context, problem+json
 * errors, validation, body limit and content-type rules, security headers, CORS allow-list,
 * `/health/*`, `/metrics` and `/docs`.
 *
 * @example
 * const app = await createApp(AppModule, { name: 'web-bff', defaultPort: 3000, env: WebBffEnv });
 * await app.listen(0, '127.0.0.1');
 */
export async function createApp<E extends PlatformEnv>(
  appModule: Type<unknown> | DynamicModule,
  options: AppOptions<E>,
): Promise<NestFastifyApplication> {
  const envClass = (options.env ?? PlatformEnv) as Type<E>;
  const env = loadEnv(envClass, {
    ...process.env,
    PORT: String(options.defaultPort),
    ...definedOnly(process.env, 'PORT'),
    ...options.environment,
  });

  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    genReqId: requestIdOf,
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    keepAliveTimeout: 65_000,
    skipMiddie: !options.nestMiddleware,
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, toBffError(error), request.id, request.url.split('?')[0]),
  });

  const root: DynamicModule = {
    imports: [
      PlatformEnvModule.register(options.name, envClass, env),
      ObservabilityModule.forRoot({ app: options.name, logLevel: env.LOG_LEVEL }),
      appModule,
    ],
    module: PlatformRootModule,
  };
  const app = (await NestFactory.create<NestFastifyApplication>(root, adapter, {
    abortOnError: false,
    // Fastify's own JSON parser only: Nest would add form bodies, which no route accepts.
    bodyParser: false,
    bufferLogs: true,
  })) as NestFastifyApplication;
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const state: HttpHooksState = { inFlight: 0, draining: false };
  hookStates.set(app.getHttpServer(), state);
  installHttpHooks(fastify, {
    state,
    logger: app.get(ROOT_LOGGER),
    securityHeaders: securityHeaders(SECURITY_HEADER_OPTIONS),
  });
  // Only JSON bodies: anything else is 415 rather than a string a DTO was not written for.
  fastify.removeContentTypeParser(['text/plain']);

  const origins = options.corsOrigins?.(env);
  if (origins?.length) {
    app.enableCors({
      origin: origins,
      credentials: true,
      exposedHeaders: [
        'x-request-id',
        'etag',
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      maxAge: 600,
    });
  }
  if (options.globalPrefix) {
    app.setGlobalPrefix(options.globalPrefix, {
      exclude: ['health/live', 'health/ready', 'metrics'],
    });
  }
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());

  if (options.swagger) setUpSwagger(app, options.swagger);
  await app.init();
  return app;
}

function setUpSwagger(
  app: NestFastifyApplication,
  swagger: NonNullable<AppOptions['swagger']>,
): void {
  const builder = new DocumentBuilder()
    .setTitle(swagger.title)
    .setDescription(swagger.description ?? '')
    .setVersion(swagger.version ?? '1.0.0');
  if (swagger.bearerAuth) builder.addBearerAuth();
  if (swagger.apiKeyHeader)
    builder.addApiKey({ type: 'apiKey', in: 'header', name: swagger.apiKeyHeader }, 'apiKey');
  const document = SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
}

function definedOnly(source: NodeJS.ProcessEnv, ...names: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of names) if (source[name]) result[name] = source[name] as string;
  return result;
}

/**
 * Creates the app, listens on `HOST`:`PORT`, and drains on SIGTERM/SIGINT: readiness turns 503,
 * the listener closes, in-flight requests finish (up to `drainTimeoutMs`), then the process exits 0.
 * A configuration error exits 1 with one JSON line naming the variables.
 *
 * @example
 * // apps/web-bff/src/main.ts
 * void runApp(AppModule, webBffOptions);
 */
export async function runApp<E extends PlatformEnv>(
  appModule: Type<unknown> | DynamicModule,
  options: AppOptions<E>,
): Promise<NestFastifyApplication | undefined> {
  const fallback = pino({ base: { app: options.name }, messageKey: 'msg' });
  let app: NestFastifyApplication;
  try {
    app = (await createApp(appModule, options)) as NestFastifyApplication;
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      fallback.fatal({ problems: error.problems }, error.message);
    } else {
      fallback.fatal({ err: error }, 'Start-up failed');
    }
    process.exitCode = 1;
    return undefined;
  }
  const env = app.get(PlatformEnv);
  await app.listen(env.PORT, env.HOST);
  const logger = new NestLogger('Bootstrap');
  logger.log(`${options.name} listening on ${await app.getUrl()}`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining`);
    await drain(app, options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
    logger.log('Drained: exiting');
    app.flushLogs();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  return app;
}

/**
 * Stops taking traffic and waits for in-flight requests, then closes the app (and with it
 * pools, Redis connections and timers). Module destroy hooks must not run before the last
 * response is written, so the HTTP server is closed first.
 */
export async function drain(app: NestFastifyApplication, timeoutMs: number): Promise<void> {
  const state = hookStates.get(app.getHttpServer());
  app.get(LifecycleService).startDraining();
  const server = app.getHttpServer();
  if (state) state.draining = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Date.now() + timeoutMs;
  while (state && state.inFlight > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  server.closeAllConnections();
  await closed;
  await app.close();
}
