export * from './lib/request-context';
