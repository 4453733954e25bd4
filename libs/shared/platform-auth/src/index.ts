export { AuthModule } from './lib/auth.module';
export { AuthService, type ApiKeyOutcome, type TokenOutcome } from './lib/auth.service';
export {
  type AuthPolicy,
  CurrentUser,
  OptionalAuth,
  Public,
  RequireApiKey,
  RequireScopes,
} from './lib/auth.decorators';
export type {
  ApiKeyOptions,
  AuthModuleAsyncOptions,
  AuthModuleOptions,
  JwtAlgorithm,
} from './lib/auth-options.interface';
export type { AuthenticatedUser } from './lib/authenticated-user.interface';
export { DEFAULT_PUBLIC_PATHS } from './lib/auth.constants';
