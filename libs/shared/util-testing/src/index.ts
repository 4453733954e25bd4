export * from './lib/redis-server';
export * from './lib/process-stack';
export * from './lib/fake-upstream';
export * from './lib/test-identity';
