/**
 * One call's budget as an `AbortSignal`: it fires when the budget is spent (`why` = `timeout`)
 * or when the caller's own signal fires (`why` = `cancelled`). Plain timers and listeners rather
 * than `AbortSignal.any`/`timeout`, which keep their sources alive longer on Node 20.
 */
export class Deadline {
  readonly signal: AbortSignal;
  readonly endsAt: number;
  why: 'timeout' | 'cancelled' | null = null;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly budgetMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.endsAt = performance.now() + budgetMs;
    this.timer = setTimeout(() => this.abort('timeout'), budgetMs);
    if (callerSignal?.aborted) this.abort('cancelled');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }

  /** Resolves after `ms`, or rejects as soon as the deadline fires. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) {
        reject(this.signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private readonly onCallerAbort = () => this.abort('cancelled');

  private abort(why: 'timeout' | 'cancelled'): void {
    if (this.why) return;
    this.why = why;
    this.controller.abort(
      new Error(
        why === 'timeout' ? `Deadline of ${this.budgetMs} ms exceeded` : 'Cancelled by the caller',
      ),
    );
  }
}
