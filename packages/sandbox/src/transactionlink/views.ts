/** Records rendered as the spec's response bodies (field order fixed, timestamps ISO-8601 with `Z`). */
import type {
  EnrollmentResponse,
  OrganizationRoleResponse,
  RoleRefResponse,
  UserResponse,
  WorkspaceMembershipResponse,
  WorkspaceResponse,
} from '@rollcall/transactionlink-fetch';
import type { EnrollmentRecord, OrganizationRole, UserRecord, Workspace, WorkspaceRole } from './model.js';
import type { Membership } from './state/workspace-directory.js';

export const iso = (ms: number): string => new Date(ms).toISOString();

export const userView = (user: UserRecord): UserResponse => ({
  id: user.id,
  email: user.email,
  idpId: user.idpId,
  roleId: user.roleId,
  profile: { firstName: user.firstName, lastName: user.lastName, title: user.title },
  status: user.status,
  createdDateTime: iso(user.createdAt),
  lastLoginDateTime: user.lastLoginAt === null ? null : iso(user.lastLoginAt),
});

export const enrollmentView = (enrollment: EnrollmentRecord): EnrollmentResponse => ({
  enrollmentId: enrollment.id,
  email: enrollment.email,
  status: enrollment.status,
  lastInvitationSentAt: enrollment.lastInvitationSentAt === null ? null : iso(enrollment.lastInvitationSentAt),
});

export const organizationRoleView = (role: OrganizationRole, organizationId: string): OrganizationRoleResponse => ({
  id: role.id,
  name: role.name,
  organizationId,
});

export const workspaceView = (workspace: Workspace): WorkspaceResponse => ({
  id: workspace.id,
  name: workspace.name,
  workspaceType: workspace.workspaceType,
});

export const roleRefView = (role: WorkspaceRole): RoleRefResponse => ({
  id: role.id,
  name: role.name,
  workspaceId: role.workspaceId,
  createdDateTime: iso(role.createdAt),
  type: role.type,
});

export const membershipView = (membership: Membership): WorkspaceMembershipResponse => ({
  workspaceId: membership.workspaceId,
  userId: membership.userId,
  role: roleRefView(membership.role),
});
