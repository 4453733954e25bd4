import { InvalidConfigError, loadEnv } from '@bff/platform-bootstrap';
import { DEVELOPMENT_API_KEY, MobileBffEnv } from './mobile-bff.env';

/** The app's environment as `createApp` passes it: PORT is always set, to the default port. */
const envOf = (variables: Record<string, string>) =>
  loadEnv(MobileBffEnv, { PORT: '3001', ...variables });

describe('MobileBffEnv', () => {
  it('accepts the development key when MOBILE_API_KEYS is unset or empty', () => {
    expect(envOf({}).MOBILE_API_KEYS).toEqual([DEVELOPMENT_API_KEY]);
    expect(envOf({ MOBILE_API_KEYS: '' }).MOBILE_API_KEYS).toEqual([DEVELOPMENT_API_KEY]);
  });

  it('reads a comma-separated list, trimming blanks', () => {
    const env = envOf({ MOBILE_API_KEYS: ' k1, k2 ,,k3' });
    expect(env.MOBILE_API_KEYS).toEqual(['k1', 'k2', 'k3']);
  });

  it('stops start-up when the list holds no key, naming the variable', () => {
    expect(() => envOf({ MOBILE_API_KEYS: ' , ' })).toThrow(InvalidConfigError);
    expect(() => envOf({ MOBILE_API_KEYS: ' , ' })).toThrow(/MOBILE_API_KEYS/);
  });

  it('refuses a key a header could not carry, without printing it', () => {
    let error: unknown;
    try {
      envOf({ MOBILE_API_KEYS: 'good-key,bad\u00e9secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toMatch(/MOBILE_API_KEYS/);
    expect((error as Error).message).not.toMatch(/secret/);
  });

  it('keeps the platform defaults of every BFF', () => {
    const env = envOf({});
    expect(env.CACHE_TTL_MS).toBe(30_000);
    expect(env.PRODUCT_SERVICE_URL).toBe('http://127.0.0.1:3101');
  });
});
