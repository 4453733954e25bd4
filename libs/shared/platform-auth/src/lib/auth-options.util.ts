import {
  ASYMMETRIC_ALGORITHMS,
  DEFAULT_API_KEY_HEADER,
  DEFAULT_PUBLIC_PATHS,
} from './auth.constants';
import type { AuthModuleOptions, JwtAlgorithm } from './auth-options.interface';

/** Options with every default applied, as the module's providers use them. */
export interface ResolvedAuthOptions {
  jwksUri: string;
  issuer: string;
  audience: string | string[];
  algorithms: JwtAlgorithm[];
  clockToleranceSec: number;
  jwksTimeoutMs: number;
  publicPaths: string[];
  apiKey?: { keys: string[]; header: string; mode: 'all-routes' | 'decorated' };
}

/**
 * Applies CONTRACT defaults (`AUTH_JWKS_URI`, `AUTH_ISSUER`, `AUTH_AUDIENCE`) and refuses unsafe
 * settings, so that a misconfigured app fails at start rather than accepting forged tokens.
 */
export function resolveAuthOptions(
  options: Partial<AuthModuleOptions>,
  env: Record<string, string | undefined> = process.env,
): ResolvedAuthOptions {
  const algorithms = options.algorithms ?? ['RS256'];
  const unsafe = algorithms.filter(
    (alg) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg),
  );
  if (algorithms.length === 0 || unsafe.length > 0) {
    throw new Error(
      `AuthModule: algorithms must be a non-empty list of ${ASYMMETRIC_ALGORITHMS.join(', ')}` +
        (unsafe.length ? ` (refused: ${unsafe.join(', ')})` : ''),
    );
  }
  const audience = options.audience ?? env['AUTH_AUDIENCE'] ?? 'bff';
  const resolved: ResolvedAuthOptions = {
    jwksUri:
      options.jwksUri ?? env['AUTH_JWKS_URI'] ?? 'http://127.0.0.1:3100/.well-known/jwks.json',
    issuer: options.issuer ?? env['AUTH_ISSUER'] ?? 'http://127.0.0.1:3100',
    audience,
    algorithms: [...algorithms],
    clockToleranceSec: options.clockToleranceSec ?? 5,
    jwksTimeoutMs: options.jwksTimeoutMs ?? 2000,
    publicPaths: (options.publicPaths ?? DEFAULT_PUBLIC_PATHS).map((path) =>
      path.replace(/\/+$/, ''),
    ),
  };
  try {
    new URL(resolved.jwksUri);
  } catch {
    throw new Error('AuthModule: jwksUri (AUTH_JWKS_URI) must be an absolute URL');
  }
  if (!resolved.issuer) throw new Error('AuthModule: issuer (AUTH_ISSUER) must not be empty');
  if (!audience || (Array.isArray(audience) && audience.length === 0)) {
    throw new Error('AuthModule: audience (AUTH_AUDIENCE) must not be empty');
  }
  if (options.apiKey) {
    const keys = options.apiKey.keys.filter((key) => key.length > 0);
    if (keys.length === 0) throw new Error('AuthModule: apiKey.keys must hold at least one key');
    resolved.apiKey = {
      keys,
      header: (options.apiKey.header ?? DEFAULT_API_KEY_HEADER).toLowerCase(),
      mode: options.apiKey.mode ?? 'all-routes',
    };
  }
  return resolved;
}
