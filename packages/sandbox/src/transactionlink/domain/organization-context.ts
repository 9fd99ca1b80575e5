/** What the TransactionLink rules work on, and the lookups every rule starts with. */
import type { VirtualClock } from '../../core/clock.js';
import type { Random } from '../../core/random.js';
import { RuleError } from '../../core/rule-error.js';
import type { EnrollmentRecord, OrganizationRole, UserRecord, Workspace } from '../model.js';
import type { TransactionLinkState } from '../state/transactionlink-state.js';

export interface OrganizationContext {
  readonly state: TransactionLinkState;
  readonly clock: VirtualClock;
  /** Ids for records created at run time (seeded, so runs repeat). */
  readonly ids: Random;
  readonly enrollmentTtlMs: number;
}

export function requireUser(context: OrganizationContext, userId: string): UserRecord {
  const user = context.state.users.get(userId);
  if (!user) throw RuleError.notFound('USER_NOT_FOUND', `User ${userId} does not exist`);
  return user;
}

export function requireRole(context: OrganizationContext, roleId: string): OrganizationRole {
  const role = context.state.roles.find((candidate) => candidate.id === roleId);
  if (!role) throw RuleError.notFound('ROLE_NOT_FOUND', `Role ${roleId} does not exist in the organization`);
  return role;
}

export function requireEnrollment(context: OrganizationContext, enrollmentId: string): EnrollmentRecord {
  const enrollment = context.state.enrollments.get(enrollmentId);
  if (!enrollment) throw RuleError.notFound('ENROLLMENT_NOT_FOUND', `Enrollment ${enrollmentId} does not exist`);
  return enrollment;
}

export function requireWorkspace(context: OrganizationContext, workspaceId: string): Workspace {
  const workspace = context.state.workspaces.get(workspaceId);
  if (!workspace) throw RuleError.notFound('WORKSPACE_NOT_FOUND', `Workspace ${workspaceId} does not exist`);
  return workspace;
}

export function requireWorkspaceRole(context: OrganizationContext, workspaceId: string, roleId: string) {
  const role = context.state.workspaces.role(workspaceId, roleId);
  if (!role) {
    throw RuleError.notFound('WORKSPACE_ROLE_NOT_FOUND', `Role ${roleId} does not exist in workspace ${workspaceId}`);
  }
  return role;
}

/** Refuses an email that an ACTIVE user other than `exceptUserId` already has. */
export function requireNoActiveUser(context: OrganizationContext, email: string, exceptUserId?: string): void {
  const existing = context.state.users.activeWithEmail(email);
  if (existing && existing.id !== exceptUserId) {
    throw RuleError.rejected('USER_ALREADY_EXISTS', `An active user with email ${email} already exists`);
  }
}
