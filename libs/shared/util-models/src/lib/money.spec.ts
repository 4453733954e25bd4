import { money, sumMoney } from './money';

describe('money', () => {
  it('keeps integer minor units with their currency', () => {
    expect(money(1999)).toEqual({ amount: 1999, currency: 'USD' });
  });

  it('refuses fractions of a cent', () => {
    expect(() => money(10.5)).toThrow(RangeError);
  });

  it('sums amounts', () => {
    expect(sumMoney([money(100), money(250)])).toEqual(money(350));
    expect(sumMoney([])).toEqual(money(0));
  });
});
