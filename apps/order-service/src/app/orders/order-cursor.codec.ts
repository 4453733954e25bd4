import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where a page of a user's orders ends: the last order's sort key (newest first). */
export interface OrderPosition {
  createdAt: string;
  id: string;
}

const MAX_CURSOR_LENGTH = 512;

/**
 * Opaque list cursors: the position, base64url, with an HMAC over the position and the user it
 * was issued to. A cursor that was tampered with, issued by another process, or issued to
 * another user does not decode, so it can never page through someone else's orders.
 */
export class OrderCursorCodec {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  encode(userId: string, position: OrderPosition): string {
    const payload = Buffer.from(JSON.stringify([position.createdAt, position.id])).toString(
      'base64url',
    );
    return `${payload}.${this.sign(userId, payload)}`;
  }

  /** The position, or null for anything this codec did not issue to this user. */
  decode(userId: string, cursor: string): OrderPosition | null {
    if (cursor.length > MAX_CURSOR_LENGTH) return null;
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) return null;

    const expected = Buffer.from(this.sign(userId, payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;

    try {
      const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (
        Array.isArray(decoded) &&
        decoded.length === 2 &&
        typeof decoded[0] === 'string' &&
        typeof decoded[1] === 'string'
      ) {
        return { createdAt: decoded[0], id: decoded[1] };
      }
    } catch {
      // Falls through: a signed but unreadable payload is as invalid as a forged one.
    }
    return null;
  }

  private sign(userId: string, payload: string): string {
    return createHmac('sha256', this.secret)
      .update(userId)
      .update('\u0000')
      .update(payload)
      .digest('base64url');
  }
}
