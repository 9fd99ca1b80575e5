/** Records rendered as the spec's response bodies (fields in the spec's order, timestamps ISO-8601 with `Z`). */
import type { OrganizationInviteLink, OrganizationMember, User } from '@rollcall/gitbook-fetch';
import { API_ORIGIN } from './ids.js';
import type { InviteLinkRecord, MemberRecord, UserRecord } from './model.js';
import type { GitBookState } from './state/gitbook-state.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export const userView = (user: UserRecord): User => ({
  object: 'user',
  id: user.id,
  displayName: user.displayName,
  email: user.email,
  ...(user.photoURL === null ? {} : { photoURL: user.photoURL }),
  urls: { location: `${API_ORIGIN}/v1/users/${user.id}` },
});

export const memberView = (member: MemberRecord, user: UserRecord): OrganizationMember => ({
  object: 'member',
  id: member.id,
  role: member.role,
  user: userView(user),
  disabled: member.disabled,
  joinedAt: iso(member.joinedAt),
  ...(member.lastSeenAt === null ? {} : { lastSeenAt: iso(member.lastSeenAt) }),
  sso: member.sso,
  spaces: member.spaces,
  teams: member.teams,
  sites: member.sites,
});

/** Renders members of `state` (every member has a user). */
export const memberViewIn =
  (state: GitBookState) =>
  (member: MemberRecord): OrganizationMember =>
    memberView(member, state.users.get(member.id)!);

/** Renders invite links of `state`, space and collection links with their full target object. */
export const inviteLinkViewIn =
  (state: GitBookState) =>
  (link: InviteLinkRecord): OrganizationInviteLink => {
    switch (link.kind) {
      case 'organization':
        return { object: 'invite', id: link.id, role: link.role, redundant: link.redundant };
      case 'space':
        return {
          object: 'invite',
          id: link.id,
          level: link.level,
          redundant: link.redundant,
          space: state.spaces.get(link.targetId)!,
        };
      case 'collection':
        return {
          object: 'invite',
          id: link.id,
          level: link.level,
          redundant: link.redundant,
          collection: state.collections.get(link.targetId)!,
        };
    }
  };
