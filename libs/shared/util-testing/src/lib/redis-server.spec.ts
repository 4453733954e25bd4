import { connect } from 'node:net';
import { hasRedisServer, type RedisServer, startRedisServer } from './redis-server';

function command(port: number, line: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error('timeout'));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${line}\r\n`));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString());
    });
  });
}

const describeWithRedis = hasRedisServer() ? describe : describe.skip;

describeWithRedis('startRedisServer', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(() => redis.close());

  it('answers PING on the port it reports', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    await expect(command(redis.port, 'PING')).resolves.toBe('+PONG\r\n');
  });

  it('runs without persistence', async () => {
    await expect(command(redis.port, 'CONFIG GET save')).resolves.toContain('$0\r\n\r\n');
    await expect(command(redis.port, 'CONFIG GET appendonly')).resolves.toContain('no');
  });

  it('stops answering while paused and answers again when resumed', async () => {
    redis.pause();
    await expect(command(redis.port, 'PING', 300)).rejects.toThrow('timeout');
    redis.resume();
    await expect(command(redis.port, 'PING')).resolves.toBe('+PONG\r\n');
  });

  it('gives two servers two ports', async () => {
    const other = await startRedisServer();
    try {
      expect(other.port).not.toBe(redis.port);
    } finally {
      await other.close();
    }
  });

  it('refuses connections once closed', async () => {
    const other = await startRedisServer();
    await other.close();
    await other.close();
    await expect(command(other.port, 'PING')).rejects.toThrow();
  });
});

describe('hasRedisServer', () => {
  const saved = { bin: process.env['REDIS_SERVER_BIN'], ci: process.env['CI'] };

  afterEach(() => {
    for (const [key, value] of [
      ['REDIS_SERVER_BIN', saved.bin],
      ['CI', saved.ci],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('fails loudly in CI when the binary is missing', () => {
    process.env['REDIS_SERVER_BIN'] = '/nonexistent/redis-server';
    process.env['CI'] = 'true';
    expect(() => hasRedisServer()).toThrow(/CI must install it/);
  });

  it('reports a missing binary as false outside CI', () => {
    process.env['REDIS_SERVER_BIN'] = '/nonexistent/redis-server';
    delete process.env['CI'];
    expect(hasRedisServer()).toBe(false);
  });

  it('rejects startRedisServer with an install hint when the binary is missing', async () => {
    process.env['REDIS_SERVER_BIN'] = '/nonexistent/redis-server';
    await expect(startRedisServer()).rejects.toThrow(/redis-server not found/);
  });
});
