/** The sandbox's GitBook records: what the state holds, before rendering to responses. */
import type { MemberRole, MemberRoleOrGuest } from '@rollcall/gitbook-fetch';

export const MEMBER_ROLES: ReadonlyArray<MemberRole> = ['admin', 'create', 'edit', 'review', 'comment', 'read'];

/** A GitBook user, member of the organization or not. */
export interface UserRecord {
  readonly id: string;
  email: string;
  displayName: string;
  readonly photoURL: string | null;
}

/** A user's membership of the organization; `id` is the user's id. Members are listed by it. */
export interface MemberRecord {
  readonly id: string;
  /** null for a guest. */
  role: MemberRoleOrGuest;
  disabled: boolean;
  sso: boolean;
  /** Epoch ms. */
  readonly joinedAt: number;
  /** Epoch ms, or null for never seen (the field is then absent). */
  lastSeenAt: number | null;
  readonly spaces: number;
  readonly teams: number;
  readonly sites: number;
}

export type InviteLinkKind = 'organization' | 'space' | 'collection';

/**
 * An invite link: to the organization with a `role`, or to a space or collection with a
 * `level`. `redundant` is part of the record: the sandbox does not work out, per caller,
 * whether they already have the access a link gives.
 */
export type InviteLinkRecord =
  | {
      readonly kind: 'organization';
      readonly id: string;
      role: MemberRoleOrGuest;
      readonly redundant: boolean;
    }
  | {
      readonly kind: 'space' | 'collection';
      readonly id: string;
      level: MemberRoleOrGuest;
      readonly redundant: boolean;
      /** The space's or collection's id. */
      readonly targetId: string;
    };
