export interface JwksDocument {
  keys: unknown[];
}

export interface JwksFetcherOptions {
  timeoutMs: number;
  /** Least time between two network fetches of the key set. */
  minRefreshIntervalMs: number;
  now?: () => number;
}

/**
 * Fetches the JWKS for jwks-rsa, at most once per `minRefreshIntervalMs`: within that window it
 * hands back the last key set, so a flood of tokens with made-up `kid`s cannot make the service
 * hammer the identity provider. Concurrent callers share one fetch; failures are not remembered.
 */
export class JwksFetcher {
  private last?: { document: JwksDocument; fetchedAt: number };
  private inFlight?: Promise<JwksDocument>;
  private readonly now: () => number;

  constructor(private readonly options: JwksFetcherOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Bound, so it can be handed to jwks-rsa as its `fetcher`. */
  readonly fetch = (uri: string): Promise<JwksDocument> => {
    if (this.last && this.now() - this.last.fetchedAt < this.options.minRefreshIntervalMs) {
      return Promise.resolve(this.last.document);
    }
    this.inFlight ??= this.load(uri).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  };

  private async load(uri: string): Promise<JwksDocument> {
    const response = await fetch(uri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`JWKS endpoint answered ${response.status}`);
    }
    const document = (await response.json()) as Partial<JwksDocument> | null;
    if (!Array.isArray(document?.keys)) throw new Error('JWKS endpoint answered without keys');
    this.last = { document: { keys: document.keys }, fetchedAt: this.now() };
    return this.last.document;
  }
}
