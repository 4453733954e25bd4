import { InvalidConfigError, loadEnv } from '@bff/platform-bootstrap';
import { FaultInjectionEnv } from './fault-injection.env';

describe('FaultInjectionEnv', () => {
  it('turns every fault off by default', () => {
    const env = loadEnv(FaultInjectionEnv, { PORT: '3101' });
    expect(env.FAULT_DELAY_MS).toBe(0);
    expect(env.FAULT_ERROR_RATE).toBe(0);
    expect(env.FAULT_ROUTES).toBeUndefined();
  });

  it('reads a delay, an error rate and a list of route prefixes', () => {
    const env = loadEnv(FaultInjectionEnv, {
      PORT: '3101',
      FAULT_DELAY_MS: '250',
      FAULT_ERROR_RATE: '0.25',
      FAULT_ROUTES: '/products, /inventory/',
    });
    expect(env.FAULT_DELAY_MS).toBe(250);
    expect(env.FAULT_ERROR_RATE).toBe(0.25);
    expect(env.FAULT_ROUTES).toEqual(['/products', '/inventory/']);
  });

  it.each([
    ['FAULT_DELAY_MS', '-1'],
    ['FAULT_DELAY_MS', '1.5'],
    ['FAULT_DELAY_MS', 'slow'],
    ['FAULT_DELAY_MS', '0x10'],
    ['FAULT_DELAY_MS', '600000'],
    ['FAULT_ERROR_RATE', '1.5'],
    ['FAULT_ERROR_RATE', '-0.1'],
    ['FAULT_ERROR_RATE', 'half'],
    ['FAULT_ERROR_RATE', '1e-1'],
    ['FAULT_ROUTES', 'products'],
    ['FAULT_ROUTES', '/products,inventory'],
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    const load = () => loadEnv(FaultInjectionEnv, { PORT: '3101', [name]: value });
    expect(load).toThrow(InvalidConfigError);
    expect(load).toThrow(new RegExp(`${name}:`));
  });
});
