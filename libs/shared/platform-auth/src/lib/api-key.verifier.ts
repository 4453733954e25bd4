import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks presented API keys against the configured ones in constant time: every candidate is
 * compared (no early exit) over fixed-length SHA-256 digests, so neither the position of a
 * mismatch nor the length of a key shows in the timing.
 */
export class ApiKeyVerifier {
  private readonly digests: Buffer[];

  constructor(keys: string[]) {
    this.digests = keys.map(digest);
  }

  /** A stable, non-secret id of the matching key (a digest prefix), or `undefined`. */
  match(presented: string | undefined): string | undefined {
    if (typeof presented !== 'string' || presented.length === 0) return undefined;
    const candidate = digest(presented);
    let matched: Buffer | undefined;
    for (const known of this.digests) {
      if (timingSafeEqual(candidate, known)) matched ??= known;
    }
    return matched?.subarray(0, 8).toString('hex');
  }
}
