import type { OrganizationRole } from '../model.js';
import type { EnrollmentBook } from './enrollment-book.js';
import type { UserDirectory } from './user-directory.js';
import type { WorkspaceDirectory } from './workspace-directory.js';

/** Everything the TransactionLink sandbox knows about its one organization. */
export interface TransactionLinkState {
  readonly organizationId: string;
  /** owner, admin, member. */
  readonly roles: ReadonlyArray<OrganizationRole>;
  readonly users: UserDirectory;
  readonly enrollments: EnrollmentBook;
  readonly workspaces: WorkspaceDirectory;
}

/** Owners and admins inherit access to every workspace. */
export const isPrivileged = (role: OrganizationRole | undefined): boolean =>
  role?.name === 'owner' || role?.name === 'admin';
