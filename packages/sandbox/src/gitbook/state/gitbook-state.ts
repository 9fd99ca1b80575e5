import type { Collection, Space } from '@rollcall/gitbook-fetch';
import type { InviteLinkRecord, MemberRecord } from '../model.js';
import type { SortedById } from './sorted-by-id.js';
import type { UserDirectory } from './user-directory.js';

/** Everything the GitBook sandbox knows: one organization, its people, content and invite links. */
export interface GitBookState {
  readonly organizationId: string;
  /**
   * An organization that exists but that no token may access (403). Its people are everyone
   * with an address at `OTHER_ORGANIZATION_DOMAIN`: they cannot become SSO users here.
   */
  readonly otherOrganizationId: string;
  /** The organization's admin, whom `sandbox.gitbook.token` belongs to. */
  readonly adminUserId: string;
  readonly users: UserDirectory;
  readonly members: SortedById<MemberRecord>;
  readonly inviteLinks: SortedById<InviteLinkRecord>;
  /** The organization's spaces and collections, as the API renders them (they never change). */
  readonly spaces: ReadonlyMap<string, Space>;
  readonly collections: ReadonlyMap<string, Collection>;
}

/** Email domain of the other organization's members. */
export const OTHER_ORGANIZATION_DOMAIN = 'other-org.example';
