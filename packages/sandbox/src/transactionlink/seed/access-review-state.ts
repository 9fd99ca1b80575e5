/** TransactionLink's organization of the `accessReview` scenario (see access-review-plan.ts). */
import type { AccessReviewPlan } from '../../access-review/access-review-plan.js';
import { CREATED_DAYS_AGO } from '../../access-review/access-review-plan.js';
import type { Random } from '../../core/random.js';
import { WORKSPACE_ROLE_NAMES } from '../../seed-data/names.js';
import type { OrganizationRole, Workspace, WorkspaceRole } from '../model.js';
import { EnrollmentBook } from '../state/enrollment-book.js';
import { isPrivileged, type TransactionLinkState } from '../state/transactionlink-state.js';
import { UserDirectory } from '../state/user-directory.js';
import { WorkspaceDirectory } from '../state/workspace-directory.js';

const DAY = 86_400_000;

export function accessReviewTransactionLinkState(
  plan: AccessReviewPlan,
  random: Random,
  now: number,
): TransactionLinkState {
  const ago = (days: number) => now - Math.round(days * DAY);
  const roles: OrganizationRole[] = (['owner', 'admin', 'member'] as const).map((name) => ({
    id: random.uuid(),
    name,
  }));
  const roleByName = new Map(roles.map((role) => [role.name, role]));
  const roleById = new Map(roles.map((role) => [role.id, role]));
  const workspaces: Workspace[] = [
    { id: random.uuid(), name: 'Payments', workspaceType: 'LIVE', createdAt: ago(CREATED_DAYS_AGO + 10) },
    { id: random.uuid(), name: 'Payments Sandbox', workspaceType: 'SANDBOX', createdAt: ago(CREATED_DAYS_AGO + 10) },
  ];
  const workspaceRoles: WorkspaceRole[] = workspaces.flatMap((workspace) =>
    WORKSPACE_ROLE_NAMES.map((name) => ({
      id: random.uuid(),
      workspaceId: workspace.id,
      name,
      type: 'WORKSPACE',
      createdAt: workspace.createdAt,
    })),
  );
  const directory = new WorkspaceDirectory(workspaces, workspaceRoles);
  const users = new UserDirectory((roleId) => isPrivileged(roleById.get(roleId)));
  const [first] = workspaces as [Workspace];
  plan.people.forEach((person, index) => {
    const planned = person.transactionLink;
    if (planned === null) return;
    // One minute apart, in plan order: list order is creation order.
    const createdAt = ago(CREATED_DAYS_AGO) + index * 60_000;
    const id = random.uuid();
    users.add({
      id,
      email: planned.email,
      idpId: null,
      roleId: roleByName.get(planned.role)!.id,
      firstName: null,
      lastName: null,
      title: null,
      status: planned.status,
      createdAt,
      lastLoginAt: planned.lastLoginDaysAgo === null ? null : ago(planned.lastLoginDaysAgo),
    });
    if (planned.workspaceRole !== null) {
      const role = directory.roles(first.id).find((candidate) => candidate.name === planned.workspaceRole)!;
      directory.setMembership(first.id, id, role.id);
    }
  });
  const enrollments = new EnrollmentBook();
  for (const planned of plan.enrollments) {
    enrollments.add({
      id: random.uuid(),
      email: planned.email,
      status: planned.status,
      lastInvitationSentAt: planned.sentDaysAgo === null ? null : ago(planned.sentDaysAgo),
      roleId: roleByName.get('member')!.id,
      firstName: null,
      lastName: null,
      title: null,
      workspaceAssignments: [],
    });
  }
  return { organizationId: random.uuid(), roles, users, enrollments, workspaces: directory };
}
