/**
 * Users: profile and role changes, terminate (ACTIVE only) and reinstate (TERMINATED only),
 * MFA reset; and the directory changes only the control API makes (add, change, remove).
 */

import { RuleError } from '../../core/rule-error.js';
import type { UserRecord, UserStatus } from '../model.js';
import { type OrganizationContext, requireNoActiveUser, requireRole, requireUser } from './organization-context.js';

export interface ProfileChanges {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly title?: string | null;
}

/** Absent fields are left as they are; `null` clears one. */
export function updateProfile(context: OrganizationContext, userId: string, changes: ProfileChanges): UserRecord {
  return changeUser(context, userId, changes);
}

export function updateRole(context: OrganizationContext, userId: string, roleId: string): UserRecord {
  return changeUser(context, userId, { roleId });
}

export function terminate(context: OrganizationContext, userId: string): UserRecord {
  const user = requireUser(context, userId);
  if (user.status === 'TERMINATED') {
    throw RuleError.rejected('USER_ALREADY_TERMINATED', `User ${userId} is already terminated`);
  }
  return changeUser(context, userId, { status: 'TERMINATED' });
}

export function reinstate(context: OrganizationContext, userId: string, roleId: string): UserRecord {
  const user = requireUser(context, userId);
  if (user.status !== 'TERMINATED') throw RuleError.rejected('USER_NOT_TERMINATED', `User ${userId} is not terminated`);
  return changeUser(context, userId, { status: 'ACTIVE', roleId });
}

/** Nothing to store: the user's next login enrols a new second factor. */
export function resetMfa(context: OrganizationContext, userId: string): void {
  requireUser(context, userId);
}

export interface UserChanges extends ProfileChanges {
  readonly email?: string;
  readonly roleId?: string;
  readonly status?: UserStatus;
  readonly idpId?: string | null;
  readonly lastLoginAt?: number | null;
}

export interface NewUser extends Omit<UserChanges, 'email'> {
  readonly email: string;
}

/** A user created now (virtual clock), ACTIVE member unless told otherwise. */
export function addUser(context: OrganizationContext, input: NewUser): UserRecord {
  const member = context.state.roles.find((role) => role.name === 'member')!;
  const roleId = input.roleId ?? member.id;
  requireRole(context, roleId);
  const status = input.status ?? 'ACTIVE';
  if (status === 'ACTIVE') requireNoActiveUser(context, input.email);
  const user: UserRecord = {
    id: context.ids.uuid(),
    email: input.email,
    idpId: input.idpId ?? null,
    roleId,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    title: input.title ?? null,
    status,
    createdAt: context.clock.now(),
    lastLoginAt: input.lastLoginAt ?? null,
  };
  context.state.users.add(user);
  return user;
}

/** Applies `changes` (absent fields untouched), keeping emails of ACTIVE users unique. */
export function changeUser(context: OrganizationContext, userId: string, changes: UserChanges): UserRecord {
  const user = requireUser(context, userId);
  if (changes.roleId !== undefined) requireRole(context, changes.roleId);
  const email = changes.email ?? user.email;
  if ((changes.status ?? user.status) === 'ACTIVE') requireNoActiveUser(context, email, user.id);
  return context.state.users.update(user, (target) => {
    for (const key of [
      'email',
      'roleId',
      'status',
      'firstName',
      'lastName',
      'title',
      'idpId',
      'lastLoginAt',
    ] as const) {
      if (changes[key] !== undefined) (target as unknown as Record<string, unknown>)[key] = changes[key];
    }
  });
}

/** Removes the user and every workspace membership they had. */
export function removeUser(context: OrganizationContext, userId: string): UserRecord {
  requireUser(context, userId);
  context.state.workspaces.removeUser(userId);
  return context.state.users.remove(userId)!;
}
