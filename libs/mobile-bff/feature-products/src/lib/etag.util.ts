import { createHash } from 'node:crypto';

/** Entity tags in an `If-None-Match` value: `*`, or quoted tags with an optional `W/`. */
const ENTITY_TAGS = /\*|(?:W\/)?"[^"]*"/g;

/**
 * A strong entity tag of a serialised body: SHA-256 of its bytes, base64url, quoted. The same
 * bytes always give the same tag, on every instance.
 *
 * @example
 * strongEtag('{"id":"p1"}'); // '"mF2…"'
 */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * Whether `If-None-Match` matches the current tag, so that a GET answers 304 (RFC 9110 13.1.2):
 * `*`, or any listed tag equal by weak comparison (`W/"x"` matches `"x"`).
 *
 * @example
 * ifNoneMatchHits('"a", "b"', '"b"'); // true
 * ifNoneMatchHits(undefined, '"b"');  // false
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return (header.match(ENTITY_TAGS) ?? []).some(
    (tag) => tag === '*' || tag.replace(/^W\//, '') === opaque,
  );
}
