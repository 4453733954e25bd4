import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks demo credentials. Passwords are compared as fixed-length digests with
 * `timingSafeEqual`, and an unknown user costs the same comparison, so response times tell
 * nothing about which part was wrong.
 */
@Injectable()
export class UsersService {
  private readonly users = new Map(
    DEMO_USERS.map((user) => [user.username, { user, password: digest(DEMO_PASSWORD) }]),
  );
  private readonly nobody = digest(randomUUID());

  verify(username: string, password: string): DemoUser | undefined {
    const entry = this.users.get(username);
    const matches = timingSafeEqual(digest(password), entry?.password ?? this.nobody);
    return matches && entry ? entry.user : undefined;
  }
}
