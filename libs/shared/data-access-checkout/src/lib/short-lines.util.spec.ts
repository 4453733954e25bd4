import type { Stock } from '@bff/util-models';
import { shortLines } from './short-lines.util';

const stock = (productId: string, available: number): Stock => ({
  productId,
  available,
  reserved: 0,
  warehouses: [{ id: 'wh-east', available }],
});

describe('shortLines', () => {
  it('is empty when the stock covers every line, exactly or with room to spare', () => {
    expect(
      shortLines(
        [
          { productId: 'p1', quantity: 3 },
          { productId: 'p2', quantity: 1 },
        ],
        [stock('p1', 3), stock('p2', 10)],
      ),
    ).toEqual([]);
  });

  it('names each product whose quantity exceeds what is available', () => {
    expect(
      shortLines(
        [
          { productId: 'p1', quantity: 4 },
          { productId: 'p2', quantity: 1 },
        ],
        [stock('p1', 3), stock('p2', 1)],
      ),
    ).toEqual([{ productId: 'p1', requested: 4, available: 3 }]);
  });

  it('sums the lines that name the same product before comparing', () => {
    expect(
      shortLines(
        [
          { productId: 'p1', quantity: 2 },
          { productId: 'p1', quantity: 2 },
        ],
        [stock('p1', 3)],
      ),
    ).toEqual([{ productId: 'p1', requested: 4, available: 3 }]);
  });

  it('treats a product without a stock record as having none', () => {
    expect(shortLines([{ productId: 'p9', quantity: 1 }], [])).toEqual([
      { productId: 'p9', requested: 1, available: 0 },
    ]);
  });

  it('keeps the order in which the products first appear', () => {
    const short = shortLines(
      [
        { productId: 'p2', quantity: 1 },
        { productId: 'p1', quantity: 1 },
        { productId: 'p2', quantity: 1 },
      ],
      [],
    );
    expect(short.map((line) => line.productId)).toEqual(['p2', 'p1']);
  });
});
