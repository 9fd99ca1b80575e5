/** What the GitBook rules work on, and the lookups every rule starts with. */
import type { MemberRoleOrGuest } from '@rollcall/gitbook-fetch';
import type { VirtualClock } from '../../core/clock.js';
import type { Random } from '../../core/random.js';
import { RuleError } from '../../core/rule-error.js';
import type { InviteLinkRecord, MemberRecord, UserRecord } from '../model.js';
import type { GitBookState } from '../state/gitbook-state.js';

export interface GitBookContext {
  readonly state: GitBookState;
  readonly clock: VirtualClock;
  /** Ids for records created at run time (seeded, so runs repeat). */
  readonly ids: Random;
  /** The role invited users get when the request names none. */
  readonly defaultInviteRole: MemberRoleOrGuest;
}

export function requireUser(context: GitBookContext, userId: string): UserRecord {
  const user = context.state.users.get(userId);
  if (!user) throw RuleError.notFound('USER_NOT_FOUND', `User ${userId} does not exist`);
  return user;
}

export function requireMember(context: GitBookContext, memberId: string): MemberRecord {
  const member = context.state.members.get(memberId);
  if (!member) throw RuleError.notFound('MEMBER_NOT_FOUND', `User ${memberId} is not a member of the organization`);
  return member;
}

export function requireInviteLink(context: GitBookContext, inviteId: string): InviteLinkRecord {
  const link = context.state.inviteLinks.get(inviteId);
  if (!link) throw RuleError.notFound('INVITE_NOT_FOUND', `Invite ${inviteId} does not exist`);
  return link;
}
