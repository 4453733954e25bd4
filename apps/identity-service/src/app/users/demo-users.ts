/** A seeded development user. Every one signs in with the password `password`. */
export interface DemoUser {
  username: string;
  /** What the token's space-separated `scope` claim carries. */
  scopes: readonly string[];
  description: string;
}

export const DEMO_PASSWORD = 'password';

/** The development users, as the README lists them. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'alice',
    scopes: ['orders:read', 'orders:write'],
    description: 'reads and places orders; 100+ seeded orders for paging',
  },
  {
    username: 'bob',
    scopes: ['orders:read', 'orders:write'],
    description: 'reads and places orders; a few seeded orders',
  },
  { username: 'carol', scopes: ['orders:read'], description: 'reads orders only' },
  { username: 'dave', scopes: [], description: 'signs in, but may not read or place orders' },
];
