import KeyvRedis, { createClient, Keyv } from '@keyv/redis';
import type { ResolvedCachingOptions } from './caching-options.util';

/** Closes by destroying the socket: a graceful QUIT would wait forever on a hung Redis. */
class ForcefulKeyvRedis extends KeyvRedis<unknown> {
  override async disconnect(): Promise<void> {
    await super.disconnect(true);
  }
}

/**
 * Keyv on `@keyv/redis`, with a client that never makes a request wait on Redis: the offline
 * queue is off (commands fail at once while disconnected), connects time out, reconnection goes
 * on in the background. `onError` hears every client error; `onReady` every (re)connection.
 * Loaded by `CacheStore.create` only when `REDIS_URL` is set.
 */
export function redisKeyv(
  options: ResolvedCachingOptions & { redisUrl: string },
  events: { onError: (error: Error) => void; onReady: () => void },
) {
  const client = createClient({
    url: options.redisUrl,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.max(1000, options.redisTimeoutMs),
      reconnectStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    },
  });
  client.on('error', events.onError);
  client.on('ready', events.onReady);
  const store = new ForcefulKeyvRedis(client, {
    connectionTimeout: Math.max(1000, options.redisTimeoutMs),
    throwOnConnectError: false,
  });
  // Plain JSON: Keyv's default (de)serializer walks every value in JS and parses with a reviver,
  // several times the cost of the native one on a page-sized value.
  const keyv = new Keyv({
    store,
    namespace: options.namespace,
    useKeyPrefix: false,
    serialize: JSON.stringify,
    deserialize: JSON.parse,
  });
  store.namespace = options.namespace;
  return { keyv, client };
}
