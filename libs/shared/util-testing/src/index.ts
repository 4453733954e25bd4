export * from './lib/redis-server';
