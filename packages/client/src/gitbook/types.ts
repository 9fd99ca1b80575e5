/** The GitBook data types (generated from the spec), the shapes the service adds, and its error union. */
import type {
  List,
  MemberRoleOrGuest,
  OrganizationInviteLink,
  OrganizationMember,
  UpdateOrganizationInviteByIdData,
} from '@rollcall/gitbook-fetch';
import type { ApiError } from '../core/errors.js';

export type {
  Collection,
  CreateInviteToCollection,
  CreateInviteToOrganization,
  CreateInviteToSpace,
  CreateOrganizationInvite,
  InviteLinkToCollection,
  InviteLinkToOrganization,
  InviteLinkToSpace,
  MemberRole,
  MemberRoleOrGuest,
  OrganizationInviteLink,
  OrganizationMember,
  Space,
  User as GitBookUser,
} from '@rollcall/gitbook-fetch';

/** A page of organization members: `items`, and `next.page` unless it is the last page. */
export type MemberPage = List & { items: Array<OrganizationMember> };

/** A page of invite links of all three kinds (organization, space, collection). */
export type InviteLinkPage = List & { items: Array<OrganizationInviteLink> };

/** Whom to invite: emails, each with the default role or a role of its own. */
export interface InviteUsersRequest {
  /** Email addresses, or `{email, role}` for someone who gets another role than `role`. */
  readonly emails: ReadonlyArray<string | { readonly email: string; readonly role: MemberRoleOrGuest }>;
  /** Role of the invited given as plain strings; `null` makes them guests. The API's default when absent. */
  readonly role?: MemberRoleOrGuest;
  /** Invite them as SSO users of the organization; default false. */
  readonly sso?: boolean;
}

/** What inviting did. */
export interface InviteUsersResult {
  /** Ids of the users added to the organization. */
  users: string[];
  /** How many users were added. */
  invited: number;
  /**
   * Emails invited but not added as SSO users, because they are members of another organization;
   * empty when the server reported none.
   */
  failedSSOEmails: string[];
}

/** A new role for an organization invite link (`role`), or a new level for a space or collection one (`level`). */
export type UpdateOrganizationInvite = UpdateOrganizationInviteByIdData['body'];

/** What deleting an invite link did. */
export interface DeleteInviteLinkResult {
  /**
   * `true` when the server deleted it (205), `false` when there was nothing to delete (204). After
   * a retried request, `false` may mean an earlier attempt deleted it.
   */
  readonly deleted: boolean;
}

/** Every error a GitBook call can fail with: the same tagged classes as TransactionLink's. */
export type GitBookError = ApiError;
