import { decodeCursor, encodeCursor } from './cursor.util';

describe('cursor', () => {
  const position = { after: 'p-0020', filter: 'a1b2c3d4' };

  it('round-trips a position for the same scope', () => {
    expect(decodeCursor('products', encodeCursor('products', position))).toEqual(position);
    expect(decodeCursor('orders', encodeCursor('orders', { at: 17 }))).toEqual({ at: 17 });
  });

  it('is opaque and safe in a query string', () => {
    const cursor = encodeCursor('products', position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('p-0020');
  });

  it('is deterministic, so the same page always has the same cursor', () => {
    expect(encodeCursor('products', position)).toBe(encodeCursor('products', position));
  });

  it('rejects a cursor issued for another scope', () => {
    expect(decodeCursor('orders', encodeCursor('products', position))).toBeUndefined();
  });

  it.each([
    ['an empty string', ''],
    ['random text', 'hello-world'],
    ['characters outside base64url', 'abc+/=='],
    ['plain JSON', '{"after":"p-0020"}'],
    ['an over-long value', 'A'.repeat(2000)],
  ])('rejects %s', (_, cursor) => {
    expect(decodeCursor('products', cursor)).toBeUndefined();
  });

  it('rejects a cursor whose position was edited', () => {
    const json = Buffer.from(encodeCursor('products', position), 'base64url').toString('utf8');
    const forged = Buffer.from(json.replace('p-0020', 'p-0040')).toString('base64url');
    expect(decodeCursor('products', forged)).toBeUndefined();
  });

  it('rejects a cursor made by hand without the checksum', () => {
    const forged = Buffer.from(JSON.stringify({ v: 1, s: 'products', p: position })).toString(
      'base64url',
    );
    expect(decodeCursor('products', forged)).toBeUndefined();
  });

  it('rejects a cursor of another version', () => {
    const envelope = JSON.parse(
      Buffer.from(encodeCursor('products', position), 'base64url').toString(),
    );
    const forged = Buffer.from(JSON.stringify({ ...envelope, v: 2 })).toString('base64url');
    expect(decodeCursor('products', forged)).toBeUndefined();
  });

  it('rejects a truncated cursor', () => {
    const cursor = encodeCursor('products', position);
    expect(decodeCursor('products', cursor.slice(0, -2))).toBeUndefined();
  });

  it('rejects positions that are not flat scalars', () => {
    const envelope = JSON.parse(
      Buffer.from(encodeCursor('products', position), 'base64url').toString(),
    );
    const forged = Buffer.from(JSON.stringify({ ...envelope, p: { after: ['x'] } })).toString(
      'base64url',
    );
    expect(decodeCursor('products', forged)).toBeUndefined();
  });
});
