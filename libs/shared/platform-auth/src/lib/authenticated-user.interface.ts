/** The verified caller of a route, as `@CurrentUser()` gives it. The token itself is not here. */
export interface AuthenticatedUser {
  /** The token's `sub`. */
  sub: string;
  /** From the `scope` claim (space-separated) or an `scp` array. */
  scopes: string[];
}
