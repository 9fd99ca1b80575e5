/**
 * People and memberships: users come into being when first invited (or through the control
 * API), and become members by invitation, by joining with an invite link, or through the
 * control API. The admin `sandbox.gitbook.token` belongs to stays an enabled admin.
 */
import type { MemberRoleOrGuest } from '@rollcall/gitbook-fetch';
import { RuleError } from '../../core/rule-error.js';
import { userId } from '../ids.js';
import type { MemberRecord, UserRecord } from '../model.js';
import { type GitBookContext, requireMember } from './gitbook-context.js';

export interface MembershipFields {
  readonly role: MemberRoleOrGuest;
  readonly sso?: boolean;
  readonly disabled?: boolean;
  /** Epoch ms, or null for never seen. */
  readonly lastSeenAt?: number | null;
}

/** A new user (not a member of anything); the email must be free. Named after the email's local part unless told. */
export function createUser(context: GitBookContext, email: string, displayName?: string): UserRecord {
  if (context.state.users.withEmail(email)) {
    throw RuleError.rejected('EMAIL_TAKEN', `A user with email ${email} already exists`);
  }
  const user: UserRecord = {
    id: userId(context.ids),
    email,
    displayName: displayName ?? email.slice(0, email.lastIndexOf('@')),
    photoURL: null,
  };
  context.state.users.add(user);
  return user;
}

/** Makes `user` a member, joined now (virtual clock). */
export function addMembership(context: GitBookContext, user: UserRecord, fields: MembershipFields): MemberRecord {
  const member: MemberRecord = {
    id: user.id,
    role: fields.role,
    disabled: fields.disabled ?? false,
    sso: fields.sso ?? false,
    joinedAt: context.clock.now(),
    lastSeenAt: fields.lastSeenAt ?? null,
    spaces: 0,
    teams: 0,
    sites: 0,
  };
  context.state.members.add(member);
  return member;
}

export interface NewMember extends Partial<MembershipFields> {
  readonly email: string;
  readonly displayName?: string;
}

/** A member with `email`: the user with that email if there is one, else a new user. Role `read` unless told. */
export function addMember(context: GitBookContext, input: NewMember): MemberRecord {
  const existing = context.state.users.withEmail(input.email);
  if (existing && context.state.members.get(existing.id)) {
    throw RuleError.rejected('ALREADY_MEMBER', `${input.email} is already a member of the organization`);
  }
  const user = existing ?? createUser(context, input.email, input.displayName);
  return addMembership(context, user, { ...input, role: input.role === undefined ? 'read' : input.role });
}

export interface MemberChanges extends Partial<MembershipFields> {
  readonly email?: string;
  readonly displayName?: string;
}

/** Applies `changes` (absent fields untouched) to a member and their user. */
export function changeMember(context: GitBookContext, memberId: string, changes: MemberChanges): MemberRecord {
  const member = requireMember(context, memberId);
  const user = context.state.users.get(member.id)!;
  if (member.id === context.state.adminUserId) {
    if ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true) {
      throw RuleError.rejected('SANDBOX_ADMIN', 'The sandbox token’s user stays an enabled admin');
    }
  }
  if (changes.email !== undefined) {
    const holder = context.state.users.withEmail(changes.email);
    if (holder && holder !== user) {
      throw RuleError.rejected('EMAIL_TAKEN', `A user with email ${changes.email} already exists`);
    }
    context.state.users.changeEmail(user, changes.email);
  }
  if (changes.displayName !== undefined) user.displayName = changes.displayName;
  if (changes.role !== undefined) member.role = changes.role;
  if (changes.disabled !== undefined) member.disabled = changes.disabled;
  if (changes.sso !== undefined) member.sso = changes.sso;
  if (changes.lastSeenAt !== undefined) member.lastSeenAt = changes.lastSeenAt;
  return member;
}

/** Ends a membership; the user remains (and may be invited again). */
export function removeMember(context: GitBookContext, memberId: string): void {
  requireMember(context, memberId);
  if (memberId === context.state.adminUserId) {
    throw RuleError.rejected('SANDBOX_ADMIN', 'The sandbox token’s user cannot be removed');
  }
  context.state.members.remove(memberId);
}
