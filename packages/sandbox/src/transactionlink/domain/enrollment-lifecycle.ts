/**
 * Enrollments (invitations): invite → PENDING; resend PENDING or EXPIRED → PENDING with a new
 * invitation time; cancel PENDING → CANCELLED; accept PENDING → ACCEPTED and an ACTIVE user;
 * PENDING → EXPIRED once the invitation is older than the TTL on the virtual clock.
 */
import type { EnrollUserRequest } from '@rollcall/transactionlink-fetch';
import { EMAIL_PATTERN } from '../../core/email.js';
import { RuleError } from '../../core/rule-error.js';
import type { EnrollmentRecord, UserRecord } from '../model.js';
import {
  type OrganizationContext,
  requireEnrollment,
  requireNoActiveUser,
  requireRole,
  requireWorkspace,
  requireWorkspaceRole,
} from './organization-context.js';

export function invite(context: OrganizationContext, request: EnrollUserRequest): EnrollmentRecord {
  if (!EMAIL_PATTERN.test(request.email)) {
    throw RuleError.rejected('VALIDATION_ERROR', 'email: must be an email address');
  }
  requireRole(context, request.roleId);
  const assignments = (request.workspaceAssignments ?? []).map(({ workspaceId, roleId }) => {
    requireWorkspace(context, workspaceId);
    requireWorkspaceRole(context, workspaceId, roleId);
    return { workspaceId, roleId };
  });
  requireNoPendingInvitation(context, request.email);
  requireNoActiveUser(context, request.email);
  return context.state.enrollments.add({
    id: context.ids.uuid(),
    email: request.email,
    status: 'PENDING',
    lastInvitationSentAt: context.clock.now(),
    roleId: request.roleId,
    firstName: request.firstName ?? null,
    lastName: request.lastName ?? null,
    title: request.title ?? null,
    workspaceAssignments: assignments,
  });
}

export function resend(context: OrganizationContext, enrollmentId: string): EnrollmentRecord {
  const enrollment = requireEnrollment(context, enrollmentId);
  if (enrollment.status !== 'PENDING' && enrollment.status !== 'EXPIRED') {
    throw RuleError.rejected(
      'ENROLLMENT_NOT_RESENDABLE',
      `Only PENDING or EXPIRED enrollments can be resent; this one is ${enrollment.status}`,
    );
  }
  if (enrollment.status === 'EXPIRED') {
    requireNoPendingInvitation(context, enrollment.email);
    requireNoActiveUser(context, enrollment.email);
  }
  return context.state.enrollments.setStatus(enrollment, 'PENDING', context.clock.now());
}

export function cancel(context: OrganizationContext, enrollmentId: string): EnrollmentRecord {
  const enrollment = requirePending(context, enrollmentId, 'cancelled');
  return context.state.enrollments.setStatus(enrollment, 'CANCELLED');
}

/** The invitee accepts: the enrollment is ACCEPTED and an ACTIVE user with its role and workspaces appears. */
export function accept(
  context: OrganizationContext,
  enrollmentId: string,
): { readonly enrollment: EnrollmentRecord; readonly user: UserRecord } {
  const enrollment = requirePending(context, enrollmentId, 'accepted');
  requireNoActiveUser(context, enrollment.email);
  const now = context.clock.now();
  const user: UserRecord = {
    id: context.ids.uuid(),
    email: enrollment.email,
    idpId: context.ids.uuid(),
    roleId: enrollment.roleId,
    firstName: enrollment.firstName,
    lastName: enrollment.lastName,
    title: enrollment.title,
    status: 'ACTIVE',
    createdAt: now,
    lastLoginAt: now,
  };
  context.state.users.add(user);
  for (const { workspaceId, roleId } of enrollment.workspaceAssignments) {
    if (context.state.workspaces.role(workspaceId, roleId))
      context.state.workspaces.setMembership(workspaceId, user.id, roleId);
  }
  return { enrollment: context.state.enrollments.setStatus(enrollment, 'ACCEPTED'), user };
}

export function expire(context: OrganizationContext, enrollmentId: string): EnrollmentRecord {
  const enrollment = requirePending(context, enrollmentId, 'expired');
  return context.state.enrollments.setStatus(enrollment, 'EXPIRED');
}

/** Expires every PENDING enrollment past the TTL at the current virtual time. */
export const expireDue = (context: OrganizationContext): number =>
  context.state.enrollments.expireDue(context.clock.now(), context.enrollmentTtlMs);

function requirePending(context: OrganizationContext, enrollmentId: string, verb: string): EnrollmentRecord {
  const enrollment = requireEnrollment(context, enrollmentId);
  if (enrollment.status !== 'PENDING') {
    throw RuleError.rejected(
      'ENROLLMENT_NOT_PENDING',
      `Only PENDING enrollments can be ${verb}; this one is ${enrollment.status}`,
    );
  }
  return enrollment;
}

function requireNoPendingInvitation(context: OrganizationContext, email: string): void {
  if (context.state.enrollments.pendingFor(email)) {
    throw RuleError.rejected('ENROLLMENT_ALREADY_PENDING', `${email} already has a PENDING enrollment`);
  }
}
