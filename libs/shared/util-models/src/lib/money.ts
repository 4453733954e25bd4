/** An amount in integer minor units (cents), always with its currency. */
export interface Money {
  amount: number;
  currency: 'USD';
}

/**
 * Builds a `Money` value, refusing fractions of a minor unit.
 *
 * @example
 * money(1999); // { amount: 1999, currency: 'USD' }
 */
export function money(amount: number, currency: Money['currency'] = 'USD'): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amount must be an integer of minor units, got ${amount}`);
  }
  return { amount, currency };
}

/** Sums amounts of one currency. */
export function sumMoney(values: readonly Money[], currency: Money['currency'] = 'USD'): Money {
  return money(
    values.reduce((total, value) => total + value.amount, 0),
    currency,
  );
}
