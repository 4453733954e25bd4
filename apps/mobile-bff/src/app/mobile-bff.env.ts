import { BffEnv, commaSeparated } from '@bff/platform-bff';
import { ArrayMinSize, IsArray, Matches } from 'class-validator';

/** The key of development builds of the app, printed in the README: replace it in production. */
export const DEVELOPMENT_API_KEY = 'mobile-dev-key-change-me';

/** mobile-bff's configuration: the platform's BFF variables plus the app's accepted API keys. */
export class MobileBffEnv extends BffEnv {
  /** Accepted `X-Api-Key` values, comma-separated; several allow rotating a key. */
  @commaSeparated()
  @IsArray()
  @ArrayMinSize(1, { message: 'MOBILE_API_KEYS must list at least one key' })
  // Printable ASCII without spaces or commas: what a header carries intact.
  @Matches(/^[\x21-\x2b\x2d-\x7e]+$/, {
    each: true,
    message: 'each key in MOBILE_API_KEYS must be printable ASCII without spaces',
  })
  MOBILE_API_KEYS: string[] = [DEVELOPMENT_API_KEY];
}
