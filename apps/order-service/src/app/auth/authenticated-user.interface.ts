/** The caller, as a verified bearer token describes them. */
export interface AuthenticatedUser {
  /** The token's `sub`: whose orders these are. */
  sub: string;
  scopes: string[];
}
