import { BffEnv, commaSeparated } from '@bff/platform-bff';
import { IsUrl } from 'class-validator';

/** web-bff's configuration: the platform's BFF variables plus the web app's CORS origins. */
export class WebBffEnv extends BffEnv {
  @commaSeparated()
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  CORS_ORIGINS: string[] = ['http://localhost:4200'];
}
