import { isUnderPrefix } from './path-prefix.util';

describe('isUnderPrefix', () => {
  it.each([
    ['/products', '/products'],
    ['/products/p-0001', '/products'],
    ['/products/p-0001', '/products/'],
    ['/anything', '/'],
  ])('puts %s under %s', (path, prefix) => {
    expect(isUnderPrefix(path, prefix)).toBe(true);
  });

  it.each([
    ['/products-old', '/products'],
    ['/product', '/products'],
    ['/inventory/p-1', '/products'],
  ])('keeps %s out of %s', (path, prefix) => {
    expect(isUnderPrefix(path, prefix)).toBe(false);
  });
});
