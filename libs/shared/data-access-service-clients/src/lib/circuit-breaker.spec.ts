import { CircuitBreaker, type CircuitState } from './circuit-breaker';

function setup(failureThreshold = 3, resetMs = 1000) {
  let time = 0;
  const states: CircuitState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold,
    resetMs,
    now: () => time,
    onStateChange: (state) => states.push(state),
  });
  const fail = (times: number) => {
    for (let i = 0; i < times; i += 1) breaker.acquire()?.failure();
  };
  return { breaker, states, fail, advance: (ms: number) => (time += ms) };
}

describe('CircuitBreaker', () => {
  describe('when closed', () => {
    it('lets calls through', () => {
      const { breaker } = setup();
      expect(breaker.state).toBe('closed');
      expect(breaker.acquire()).not.toBeNull();
    });

    it('opens after the threshold of consecutive failures', () => {
      const { breaker, fail, states } = setup(3);
      fail(2);
      expect(breaker.state).toBe('closed');
      fail(1);
      expect(breaker.state).toBe('open');
      expect(states).toEqual(['open']);
    });

    it('starts counting again after a success', () => {
      const { breaker, fail } = setup(3);
      fail(2);
      breaker.acquire()?.success();
      fail(2);
      expect(breaker.state).toBe('closed');
    });

    it('does not count released permits either way', () => {
      const { breaker, fail } = setup(2);
      fail(1);
      breaker.acquire()?.release();
      fail(1);
      expect(breaker.state).toBe('open');
    });
  });

  describe('when open', () => {
    it('fails fast until the reset time has passed', () => {
      const { breaker, fail, advance } = setup(1, 1000);
      fail(1);
      advance(999);
      expect(breaker.acquire()).toBeNull();
      expect(breaker.retryAfterMs()).toBe(1);
    });

    it('ignores results of calls that started before it opened', () => {
      const { breaker, fail } = setup(2);
      const slow = breaker.acquire();
      fail(2);
      slow?.success();
      expect(breaker.state).toBe('open');
    });
  });

  describe('after the reset time', () => {
    it('lets exactly one trial call through and fails the others fast', () => {
      const { breaker, fail, advance } = setup(1, 1000);
      fail(1);
      advance(1000);
      const trial = breaker.acquire();
      expect(trial).not.toBeNull();
      expect(breaker.state).toBe('half-open');
      expect(breaker.acquire()).toBeNull();
    });

    it('closes when the trial call succeeds', () => {
      const { breaker, fail, advance, states } = setup(1, 1000);
      fail(1);
      advance(1000);
      breaker.acquire()?.success();
      expect(breaker.state).toBe('closed');
      expect(states).toEqual(['open', 'half-open', 'closed']);
      expect(breaker.acquire()).not.toBeNull();
    });

    it('re-opens for another full period when the trial call fails', () => {
      const { breaker, fail, advance } = setup(1, 1000);
      fail(1);
      advance(1000);
      breaker.acquire()?.failure();
      expect(breaker.state).toBe('open');
      advance(999);
      expect(breaker.acquire()).toBeNull();
      advance(1);
      expect(breaker.acquire()).not.toBeNull();
    });

    it('lets another trial through when the trial call is released without a verdict', () => {
      const { breaker, fail, advance } = setup(1, 1000);
      fail(1);
      advance(1000);
      breaker.acquire()?.release();
      expect(breaker.state).toBe('half-open');
      expect(breaker.acquire()).not.toBeNull();
    });
  });

  it('counts a permit once however often it is settled', () => {
    const { breaker } = setup(2);
    const permit = breaker.acquire();
    permit?.failure();
    permit?.failure();
    expect(breaker.state).toBe('closed');
  });

  it('refuses a threshold below one', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, resetMs: 1 })).toThrow(RangeError);
  });
});
