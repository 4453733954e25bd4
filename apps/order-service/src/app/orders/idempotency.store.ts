import { BffError } from '@bff/util-errors';

/** The outcome of an idempotent operation: the value, and whether an earlier run produced it. */
export interface IdempotentResult<T> {
  value: T;
  replayed: boolean;
}

export interface IdempotencyStoreOptions {
  /** How long a key is remembered after its first use. */
  ttlMs: number;
  now?: () => number;
}

interface Entry<T> {
  fingerprint: string;
  promise: Promise<T>;
  expiresAt: number;
}

/**
 * Runs an operation at most once per (scope, key) while the key is remembered.
 *
 * The in-flight promise is stored before anything is awaited, so requests that arrive together
 * share one run. A reuse with another fingerprint (another body) is refused with 422; a run that
 * fails releases the key so that the client may retry with it.
 */
export class IdempotencyStore<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: IdempotencyStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async run(
    scope: string,
    key: string,
    fingerprint: string,
    operation: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    const id = `${scope}\u0000${key}`;
    const now = this.now();
    this.evictExpired(now);

    const existing = this.entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new BffError('BFF_ERR_IDEMPOTENCY_KEY_REUSED', {
          detail: 'This Idempotency-Key was already used with another request body',
        });
      }
      return { value: await existing.promise, replayed: true };
    }

    const promise = Promise.resolve().then(operation);
    const entry: Entry<T> = { fingerprint, promise, expiresAt: now + this.options.ttlMs };
    this.entries.set(id, entry);
    promise.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return { value: await promise, replayed: false };
  }

  /** Entries are kept in insertion order and share one TTL, so the expired ones are at the front. */
  private evictExpired(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(id);
    }
  }
}
