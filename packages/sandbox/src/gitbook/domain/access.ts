/**
 * Who may do what in which organization. The sandbox's organization: reading needs an enabled
 * member with a role (not a guest), changes need an admin, and anyone with a token may join
 * with an invite. The other organization exists but nobody may use it (403); any other id is
 * unknown (404).
 */
import { ApiFailure } from '../../core/api-failure.js';
import type { GitBookContext } from './gitbook-context.js';

export type Access = 'read' | 'manage' | 'join';

export function requireAccess(context: GitBookContext, organizationId: string, userId: string, access: Access): void {
  const { state } = context;
  if (organizationId === state.otherOrganizationId) {
    throw ApiFailure.of(403, 'FORBIDDEN', `You do not have access to organization ${organizationId}`);
  }
  if (organizationId !== state.organizationId) {
    throw ApiFailure.of(404, 'NOT_FOUND', `Organization ${organizationId} does not exist`);
  }
  if (access === 'join') return;
  const member = state.members.get(userId);
  if (!member || member.disabled || member.role === null) {
    throw ApiFailure.of(403, 'FORBIDDEN', `You do not have access to organization ${organizationId}`);
  }
  if (access === 'manage' && member.role !== 'admin') {
    throw ApiFailure.of(403, 'FORBIDDEN', `Only admins of organization ${organizationId} can do this`);
  }
}
