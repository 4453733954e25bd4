export * from './lib/bff-error';
export * from './lib/error-codes';
export * from './lib/problem-details';
