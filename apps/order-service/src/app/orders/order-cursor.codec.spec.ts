import { createHmac } from 'node:crypto';
import { OrderCursorCodec } from './order-cursor.codec';

describe('OrderCursorCodec', () => {
  const position = { createdAt: '2026-05-01T10:00:00.000Z', id: 'o-000042' };
  const secret = Buffer.alloc(32, 7);
  const codec = new OrderCursorCodec(secret);

  it('decodes what it encoded for the same user', () => {
    expect(codec.decode('alice', codec.encode('alice', position))).toEqual(position);
  });

  it('writes only URL-safe characters that say nothing readable about the user', () => {
    const cursor = codec.encode('alice', position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(cursor.split('.')[0], 'base64url').toString()).not.toContain('alice');
  });

  it('refuses a cursor issued to another user', () => {
    expect(codec.decode('bob', codec.encode('alice', position))).toBeNull();
  });

  it('refuses a cursor issued by another process', () => {
    const other = new OrderCursorCodec(Buffer.alloc(32, 8));
    expect(codec.decode('alice', other.encode('alice', position))).toBeNull();
  });

  it('refuses a cursor whose position was changed', () => {
    const [, signature] = codec.encode('alice', position).split('.');
    const forged = Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', 'o-1'])).toString(
      'base64url',
    );
    expect(codec.decode('alice', `${forged}.${signature}`)).toBeNull();
  });

  it.each(['', 'abc', 'a.b.c', '.', 'x'.repeat(600), 'not base64!.sig', '%zz'])(
    'refuses the malformed cursor %j',
    (cursor) => {
      expect(codec.decode('alice', cursor)).toBeNull();
    },
  );

  it('refuses a correctly signed payload that is not a position', () => {
    const payload = Buffer.from('{"not":"a position"}').toString('base64url');
    const signature = createHmac('sha256', secret)
      .update('alice')
      .update('\u0000')
      .update(payload)
      .digest('base64url');
    expect(codec.decode('alice', `${payload}.${signature}`)).toBeNull();
  });
});
