/** Where a list stopped: a few scalar fields the issuing service chooses. */
export type CursorPosition = Readonly<Record<string, string | number>>;

const CURSOR_VERSION = 1;
const MAX_CURSOR_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface CursorEnvelope {
  v: number;
  s: string;
  p: CursorPosition;
  c: string;
}

/**
 * Makes an opaque cursor: base64url of a small versioned JSON envelope with a checksum over the
 * version, the scope and the position. The checksum is no secret (cursors are not credentials);
 * it makes a cursor that was edited, truncated or made up by hand fail {@link decodeCursor}, and
 * the scope keeps one list's cursor from being accepted by another.
 *
 * @example
 * const cursor = encodeCursor('products', { after: 'p-0020' });
 * decodeCursor('products', cursor); // { after: 'p-0020' }
 * decodeCursor('orders', cursor); // undefined
 */
export function encodeCursor(scope: string, position: CursorPosition): string {
  const envelope: CursorEnvelope = {
    v: CURSOR_VERSION,
    s: scope,
    p: position,
    c: checksum(CURSOR_VERSION, scope, position),
  };
  return Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url');
}

/**
 * The position inside a cursor made by {@link encodeCursor} for the same scope, or `undefined`
 * for anything else (the caller answers 400). Never throws.
 *
 * @example
 * decodeCursor('products', 'not-a-cursor'); // undefined
 */
export function decodeCursor(scope: string, cursor: string): CursorPosition | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isEnvelope(envelope) || envelope.v !== CURSOR_VERSION || envelope.s !== scope) {
    return undefined;
  }
  // Re-encoding must give the very same text: rejects edited checksums, reordered or extra
  // members and non-canonical base64 in one comparison.
  return encodeCursor(scope, envelope.p) === cursor ? envelope.p : undefined;
}

function isEnvelope(value: unknown): value is CursorEnvelope {
  if (!isRecord(value) || Object.keys(value).length !== 4) return false;
  const { v, s, p, c } = value;
  return (
    typeof v === 'number' &&
    typeof s === 'string' &&
    typeof c === 'string' &&
    isRecord(p) &&
    Object.values(p).every((field) => typeof field === 'string' || typeof field === 'number')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** FNV-1a (32 bit) over the envelope's content, as 8 hex digits. */
function checksum(version: number, scope: string, position: CursorPosition): string {
  const text = `bff-cursor/${version}/${scope}/${JSON.stringify(position)}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
