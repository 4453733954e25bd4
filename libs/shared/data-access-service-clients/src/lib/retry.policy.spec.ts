import { type FailedAttempt, RetryPolicy } from './retry.policy';

const failedGet: FailedAttempt = {
  attempt: 1,
  method: 'GET',
  hasIdempotencyKey: false,
  transient: true,
  remainingMs: 2000,
};

describe('RetryPolicy', () => {
  const policy = new RetryPolicy({ backoffMs: 100, minAttemptMs: 100, random: () => 0.5 });

  it('retries a GET once after a transient failure', () => {
    expect(policy.nextDelay(failedGet)).toBe(100);
    expect(policy.nextDelay({ ...failedGet, attempt: 2 })).toBeNull();
  });

  it('does not retry a failure a retry cannot cure', () => {
    expect(policy.nextDelay({ ...failedGet, transient: false })).toBeNull();
  });

  it('never retries a POST without an idempotency key', () => {
    expect(policy.nextDelay({ ...failedGet, method: 'POST' })).toBeNull();
  });

  it('retries a POST that carries an idempotency key', () => {
    expect(policy.nextDelay({ ...failedGet, method: 'post', hasIdempotencyKey: true })).toBe(100);
  });

  it('does not retry when the deadline leaves no room for backoff and a useful attempt', () => {
    expect(policy.nextDelay({ ...failedGet, remainingMs: 199 })).toBeNull();
    expect(policy.nextDelay({ ...failedGet, remainingMs: 200 })).toBe(100);
  });

  it('jitters the backoff between half and one and a half times the base', () => {
    const low = new RetryPolicy({ backoffMs: 100, random: () => 0 });
    const high = new RetryPolicy({ backoffMs: 100, random: () => 0.999 });
    expect(low.nextDelay(failedGet)).toBe(50);
    expect(high.nextDelay(failedGet)).toBe(150);
  });
});
