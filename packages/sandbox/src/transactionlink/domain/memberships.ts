/** Explicit workspace memberships (control API only; the vendor API only lists them). */

import { RuleError } from '../../core/rule-error.js';
import type { Membership } from '../state/workspace-directory.js';
import {
  type OrganizationContext,
  requireUser,
  requireWorkspace,
  requireWorkspaceRole,
} from './organization-context.js';

export function setMembership(
  context: OrganizationContext,
  workspaceId: string,
  userId: string,
  roleId: string,
): Membership {
  requireWorkspace(context, workspaceId);
  requireUser(context, userId);
  requireWorkspaceRole(context, workspaceId, roleId);
  context.state.workspaces.setMembership(workspaceId, userId, roleId);
  return context.state.workspaces.membership(workspaceId, userId)!;
}

export function removeMembership(context: OrganizationContext, workspaceId: string, userId: string): void {
  requireWorkspace(context, workspaceId);
  if (!context.state.workspaces.removeMembership(workspaceId, userId)) {
    throw RuleError.notFound('MEMBERSHIP_NOT_FOUND', `User ${userId} has no membership in workspace ${workspaceId}`);
  }
}
