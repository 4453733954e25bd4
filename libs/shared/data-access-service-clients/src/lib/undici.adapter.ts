import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { type Dispatcher, errors, util } from 'undici';

type Abort = (reason?: Error) => void;

/**
 * Collects one response through undici's low-level `dispatch()` handler interface, which costs
 * markedly less CPU than `request()` (no stream per response body).
 */
class CollectingHandler implements Dispatcher.DispatchHandler {
  private abortRequest: Abort | null = null;
  private settled = false;
  private status = 0;
  private statusText = '';
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private readonly onAbort = () => this.abort();

  constructor(
    private readonly config: InternalAxiosRequestConfig,
    private readonly resolve: (response: AxiosResponse<string>) => void,
    private readonly reject: (error: unknown) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  onConnect(abort: Abort): void {
    if (this.settled) abort(this.abortReason());
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string) {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    this.statusText = statusText;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.finish()) return;
    this.resolve({
      data:
        this.chunks.length === 1
          ? this.chunks[0].toString('utf8')
          : Buffer.concat(this.chunks).toString('utf8'),
      status: this.status,
      statusText: this.statusText,
      headers: util.parseHeaders(this.rawHeaders),
      config: this.config,
      request: undefined,
    });
  }

  onError(error: Error): void {
    if (this.finish()) this.reject(error);
  }

  private abort(): void {
    const reason = this.abortReason();
    // A request still queued behind busy connections must not wait for one to free up.
    if (this.finish()) this.reject(reason);
    this.abortRequest?.(reason);
  }

  private abortReason(): Error {
    const reason: unknown = this.signal?.reason;
    return reason instanceof Error ? reason : new errors.RequestAbortedError();
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }
}

/**
 * An axios adapter that sends requests through an undici dispatcher (typically a keep-alive
 * `Pool` bound to one service's origin). `config.url` must be an origin-relative path with its
 * query string; `params` are appended if given. The body must already be a string or Buffer and
 * the response body is always returned as a string: callers parse and validate it themselves.
 *
 * @example
 * const pool = new Pool('http://127.0.0.1:3101', { connections: 32 });
 * const http = new HttpService(axios.create({ adapter: createUndiciAdapter(pool) }));
 * const { data } = await firstValueFrom(http.get<string>('/products/p1'));
 */
export function createUndiciAdapter(dispatcher: Dispatcher): AxiosAdapter {
  return (config) =>
    new Promise<AxiosResponse<string>>((resolve, reject) => {
      const signal = config.signal as AbortSignal | undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let path = config.url ?? '/';
      if (!path.startsWith('/')) {
        reject(new TypeError('The undici adapter takes origin-relative paths only'));
        return;
      }
      if (config.params) {
        const query = new URLSearchParams(config.params as Record<string, string>).toString();
        if (query) path += (path.includes('?') ? '&' : '?') + query;
      }
      const handler = new CollectingHandler(config, resolve, reject, signal);
      try {
        dispatcher.dispatch(
          {
            method: (config.method ?? 'get').toUpperCase() as Dispatcher.HttpMethod,
            path,
            headers: config.headers.toJSON(true) as Record<string, string>,
            body: config.data as string | Buffer | undefined,
          },
          handler,
        );
      } catch (error) {
        handler.onError(error as Error);
      }
    });
}
