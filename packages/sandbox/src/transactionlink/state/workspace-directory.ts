/**
 * Workspaces, their roles, and explicit memberships per workspace (insertion ordered). Listing
 * a workspace's memberships adds the organization's ACTIVE owners and admins, who inherit
 * access with the workspace's first (admin) role.
 */
import type { Workspace, WorkspaceRole } from '../model.js';

export interface Membership {
  readonly workspaceId: string;
  readonly userId: string;
  readonly role: WorkspaceRole;
}

export class WorkspaceDirectory {
  private readonly byId = new Map<string, Workspace>();
  private readonly rolesByWorkspace = new Map<string, WorkspaceRole[]>();
  private readonly roleById = new Map<string, WorkspaceRole>();
  private readonly explicit = new Map<string, Map<string, string>>();

  constructor(
    readonly workspaces: ReadonlyArray<Workspace>,
    roles: ReadonlyArray<WorkspaceRole>,
  ) {
    for (const workspace of workspaces) {
      this.byId.set(workspace.id, workspace);
      this.rolesByWorkspace.set(workspace.id, []);
      this.explicit.set(workspace.id, new Map());
    }
    for (const role of roles) {
      this.rolesByWorkspace.get(role.workspaceId)?.push(role);
      this.roleById.set(role.id, role);
    }
  }

  get(workspaceId: string): Workspace | undefined {
    return this.byId.get(workspaceId);
  }

  roles(workspaceId: string): ReadonlyArray<WorkspaceRole> {
    return this.rolesByWorkspace.get(workspaceId) ?? [];
  }

  /** The role `roleId` if it belongs to `workspaceId`. */
  role(workspaceId: string, roleId: string): WorkspaceRole | undefined {
    const role = this.roleById.get(roleId);
    return role?.workspaceId === workspaceId ? role : undefined;
  }

  membership(workspaceId: string, userId: string): Membership | undefined {
    const roleId = this.explicit.get(workspaceId)?.get(userId);
    const role = roleId === undefined ? undefined : this.roleById.get(roleId);
    return role ? { workspaceId, userId, role } : undefined;
  }

  setMembership(workspaceId: string, userId: string, roleId: string): void {
    this.explicit.get(workspaceId)?.set(userId, roleId);
  }

  removeMembership(workspaceId: string, userId: string): boolean {
    return this.explicit.get(workspaceId)?.delete(userId) ?? false;
  }

  removeUser(userId: string): void {
    for (const members of this.explicit.values()) members.delete(userId);
  }

  /** Explicit members first (in the order they were added), then inherited owners and admins. */
  memberships(workspaceId: string, privilegedUserIds: Iterable<string>): ReadonlyArray<Membership> {
    const members = this.explicit.get(workspaceId);
    if (!members) return [];
    const out: Membership[] = [];
    for (const [userId, roleId] of members) out.push({ workspaceId, userId, role: this.roleById.get(roleId)! });
    const inherited = this.roles(workspaceId)[0];
    if (inherited) {
      for (const userId of privilegedUserIds) {
        if (!members.has(userId)) out.push({ workspaceId, userId, role: inherited });
      }
    }
    return out;
  }
}
