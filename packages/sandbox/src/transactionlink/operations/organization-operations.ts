import { ApiFailure } from '../../core/api-failure.js';
import { json } from '../../core/api-response.js';
import { type OrganizationContext, requireWorkspace } from '../domain/organization-context.js';
import type { TokenGrant } from '../tokens.js';
import { membershipView, organizationRoleView, roleRefView, workspaceView } from '../views.js';
import type { Handler } from './handler.js';

/** Whether the grant's `can_view_workspace` covers `workspaceId`. */
const canView = (grant: TokenGrant, workspaceId: string): boolean =>
  grant.scopes.has('can_view_workspace') && (grant.workspaceIds?.has(workspaceId) ?? true);

export function organizationOperations(context: OrganizationContext): Record<string, Handler> {
  const visibleWorkspace = (path: Readonly<Record<string, unknown>>, grant: TokenGrant) => {
    const workspace = requireWorkspace(context, path.workspaceId as string);
    if (!canView(grant, workspace.id)) {
      throw ApiFailure.of(403, 'FORBIDDEN', `The token may not view workspace ${workspace.id}`);
    }
    return workspace;
  };
  return {
    'list-organization-roles': () =>
      json(
        200,
        context.state.roles.map((role) => organizationRoleView(role, context.state.organizationId)),
      ),
    'list-workspaces': ({ principal }) =>
      json(200, context.state.workspaces.workspaces.filter((w) => canView(principal, w.id)).map(workspaceView)),
    'list-workspace-roles': ({ path, principal }) =>
      json(200, context.state.workspaces.roles(visibleWorkspace(path, principal).id).map(roleRefView)),
    'list-workspace-memberships': ({ path, principal }) => {
      const workspace = visibleWorkspace(path, principal);
      const memberships = context.state.workspaces.memberships(workspace.id, context.state.users.privileged());
      return json(200, memberships.map(membershipView));
    },
  };
}
