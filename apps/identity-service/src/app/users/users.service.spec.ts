import { DEMO_USERS } from './demo-users';
import { UsersService } from './users.service';

describe('UsersService', () => {
  const users = new UsersService();

  it.each(DEMO_USERS.map((user) => user.username))('lets %s in with the demo password', (name) => {
    expect(users.verify(name, 'password')?.username).toBe(name);
  });

  it('refuses a wrong password', () => {
    expect(users.verify('alice', 'Password')).toBeUndefined();
    expect(users.verify('alice', '')).toBeUndefined();
  });

  it('refuses an unknown user, whatever the password', () => {
    expect(users.verify('mallory', 'password')).toBeUndefined();
  });

  it('gives alice and bob read and write, carol read only and dave nothing', () => {
    expect(users.verify('alice', 'password')?.scopes).toEqual(['orders:read', 'orders:write']);
    expect(users.verify('bob', 'password')?.scopes).toEqual(['orders:read', 'orders:write']);
    expect(users.verify('carol', 'password')?.scopes).toEqual(['orders:read']);
    expect(users.verify('dave', 'password')?.scopes).toEqual([]);
  });
});
