import { ifNoneMatchHits, strongEtag } from './etag.util';

describe('strongEtag', () => {
  it('is a quoted base64url SHA-256 of the body', () => {
    expect(strongEtag('{"id":"p1"}')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });

  it('is the same for the same bytes and differs for other bytes', () => {
    expect(strongEtag('{"id":"p1"}')).toBe(strongEtag('{"id":"p1"}'));
    expect(strongEtag('{"id":"p1"}')).not.toBe(strongEtag('{"id":"p2"}'));
  });
});

describe('ifNoneMatchHits', () => {
  const etag = strongEtag('{"id":"p1"}');

  it('hits on the same tag', () => {
    expect(ifNoneMatchHits(etag, etag)).toBe(true);
  });

  it('hits on the tag anywhere in a list, with or without spaces', () => {
    expect(ifNoneMatchHits(`"old", ${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits(`"old",${etag},"older"`, etag)).toBe(true);
  });

  it('hits on the weak form of the tag, as If-None-Match compares weakly', () => {
    expect(ifNoneMatchHits(`W/${etag}`, etag)).toBe(true);
  });

  it('hits on * for any current representation', () => {
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });

  it.each([undefined, '', '"other"', '"other", W/"another"', etag.slice(1, -1)])(
    'misses on %j',
    (header) => {
      expect(ifNoneMatchHits(header, etag)).toBe(false);
    },
  );
});
