import { normalizeEmail } from '../../core/email.js';
import type { UserRecord } from '../model.js';

/** Every GitBook user the sandbox knows, members of the organization or not, by id and by email. */
export class UserDirectory {
  private readonly byId = new Map<string, UserRecord>();
  private readonly byEmail = new Map<string, UserRecord>();

  constructor(users: Iterable<UserRecord> = []) {
    for (const user of users) this.add(user);
  }

  get(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  withEmail(email: string): UserRecord | undefined {
    return this.byEmail.get(normalizeEmail(email));
  }

  add(user: UserRecord): void {
    this.byId.set(user.id, user);
    this.byEmail.set(normalizeEmail(user.email), user);
  }

  /** Changes a user's email, keeping the index right. */
  changeEmail(user: UserRecord, email: string): void {
    this.byEmail.delete(normalizeEmail(user.email));
    user.email = email;
    this.byEmail.set(normalizeEmail(email), user);
  }
}
