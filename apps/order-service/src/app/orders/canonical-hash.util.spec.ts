import { canonicalHash, canonicalJson } from './canonical-hash.util';

describe('canonicalHash', () => {
  it('ignores the order of object keys at every depth', () => {
    const a = { lines: [{ productId: 'p-0001', quantity: 2 }] };
    const b = { lines: [{ quantity: 2, productId: 'p-0001' }] };
    expect(canonicalHash(a)).toBe(canonicalHash(b));
  });

  it('tells apart bodies whose lines come in another order', () => {
    const first = { productId: 'p-0001', quantity: 1 };
    const second = { productId: 'p-0002', quantity: 1 };
    expect(canonicalHash({ lines: [first, second] })).not.toBe(
      canonicalHash({ lines: [second, first] }),
    );
  });

  it('tells apart a number from the same digits as a string', () => {
    expect(canonicalHash({ quantity: 1 })).not.toBe(canonicalHash({ quantity: '1' }));
  });

  it('writes sorted compact JSON', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: true, skipped: undefined })).toBe(
      '{"a":true,"b":[1,{"c":"x","d":null}]}',
    );
  });
});
