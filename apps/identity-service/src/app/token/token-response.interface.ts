/** RFC 6749 section 5.1 access token response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the token expires. */
  expires_in: number;
}
