import { Writable } from 'node:stream';
import { RequestContext } from '@bff/util-request-context';
import { createRootLogger, logRequest, type RequestLogEntry } from './logging.config';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { lines, logger: createRootLogger('test-app', level, destination) };
}

const entry = (overrides: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  requestId: 'r-1',
  method: 'GET',
  url: '/api/v1/products/p-1?token=secret',
  route: '/api/v1/products/:id',
  status: 200,
  durationMs: 3,
  ...overrides,
});

describe('request log line', () => {
  it('says who, what and how long, without the query string', () => {
    const { lines, logger } = capture();
    logRequest(logger, entry());
    expect(lines).toEqual([
      {
        level: 30,
        time: expect.any(String),
        app: 'test-app',
        requestId: 'r-1',
        route: '/api/v1/products/:id',
        req: { method: 'GET', path: '/api/v1/products/p-1' },
        res: { status: 200 },
        durationMs: 3,
        msg: 'request completed',
      },
    ]);
  });

  it('is a warning for 4xx and an error for 5xx', () => {
    const { lines, logger } = capture();
    logRequest(logger, entry({ status: 404 }));
    logRequest(logger, entry({ status: 503 }));
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, 'request completed'],
      [50, 'request errored'],
    ]);
  });

  it('leaves out probes and scrapes, and what the level filters', () => {
    const { lines, logger } = capture('warn');
    logRequest(logger, entry({ url: '/health/ready', status: 503 }));
    logRequest(logger, entry({ url: '/metrics' }));
    logRequest(logger, entry());
    logRequest(logger, entry({ status: 400 }));
    expect(lines.map((line) => line.res)).toEqual([{ status: 400 }]);
  });
});

describe('root logger', () => {
  it('puts the request id of the request being served on every line', () => {
    const { lines, logger } = capture();
    RequestContext.run({ requestId: 'in-request' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['inside', 'in-request'],
      ['outside', undefined],
    ]);
  });

  it('redacts credentials', () => {
    const { lines, logger } = capture();
    logger.info({ headers: { authorization: 'Bearer abc', 'x-api-key': 'k' }, token: 't' }, 'x');
    expect(JSON.stringify(lines)).not.toMatch(/Bearer abc|"k"|"t"/);
  });
});
