/**
 * Users in their stable list order (createdAt, then id), with the indexes the API needs:
 * by id, ACTIVE users by email, and ACTIVE owners/admins (who inherit every workspace).
 * A page is a slice: no per-request sort.
 */
import { normalizeEmail } from '../../core/email.js';
import type { UserRecord } from '../model.js';

const before = (a: UserRecord, b: UserRecord): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

export class UserDirectory {
  private readonly ordered: UserRecord[] = [];
  private readonly byId = new Map<string, UserRecord>();
  private readonly activeByEmail = new Map<string, UserRecord>();
  private readonly privilegedIds = new Set<string>();

  /** @param isPrivilegedRole whether an organization role inherits access to every workspace */
  constructor(private readonly isPrivilegedRole: (roleId: string) => boolean) {}

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  activeWithEmail(email: string): UserRecord | undefined {
    return this.activeByEmail.get(normalizeEmail(email));
  }

  /** ACTIVE owners and admins, in a stable order. */
  privileged(): Iterable<string> {
    return this.privilegedIds;
  }

  slice(offset: number, limit: number): ReadonlyArray<UserRecord> {
    return this.ordered.slice(offset, offset + limit);
  }

  /** Inserts in list order; appending (the common case: new users are the newest) is O(1). */
  add(user: UserRecord): void {
    let at = this.ordered.length;
    while (at > 0 && before(user, this.ordered[at - 1]!)) at--;
    if (at === this.ordered.length) this.ordered.push(user);
    else this.ordered.splice(at, 0, user);
    this.byId.set(user.id, user);
    this.index(user);
  }

  remove(id: string): UserRecord | undefined {
    const user = this.byId.get(id);
    if (!user) return undefined;
    this.unindex(user);
    this.byId.delete(id);
    this.ordered.splice(this.position(user), 1);
    return user;
  }

  /** Changes a user and keeps the indexes right (email, status and role may all change). */
  update(user: UserRecord, change: (user: UserRecord) => void): UserRecord {
    const wasPrivileged = this.privilegedIds.has(user.id);
    if (this.activeByEmail.get(normalizeEmail(user.email)) === user)
      this.activeByEmail.delete(normalizeEmail(user.email));
    change(user);
    if (user.status === 'ACTIVE') this.activeByEmail.set(normalizeEmail(user.email), user);
    const isPrivileged = user.status === 'ACTIVE' && this.isPrivilegedRole(user.roleId);
    // Unchanged membership keeps its place, so membership lists stay in a stable order.
    if (wasPrivileged && !isPrivileged) this.privilegedIds.delete(user.id);
    if (!wasPrivileged && isPrivileged) this.privilegedIds.add(user.id);
    return user;
  }

  private index(user: UserRecord): void {
    if (user.status !== 'ACTIVE') return;
    this.activeByEmail.set(normalizeEmail(user.email), user);
    if (this.isPrivilegedRole(user.roleId)) this.privilegedIds.add(user.id);
  }

  private unindex(user: UserRecord): void {
    if (this.activeByEmail.get(normalizeEmail(user.email)) === user)
      this.activeByEmail.delete(normalizeEmail(user.email));
    this.privilegedIds.delete(user.id);
  }

  /** Binary search by list order. */
  private position(user: UserRecord): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.ordered[mid]!, user)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
