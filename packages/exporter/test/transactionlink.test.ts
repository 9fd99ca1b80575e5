import { readFileSync } from 'node:fs';
import type { UserResponse, WorkspaceMembershipResponse } from '@rollcall/client';
import { describe, expect, it } from 'vitest';
import type { Row } from '../src/entity.js';
import {
  completeTransactionLinkRow,
  enrollmentRow,
  enrollmentsEntity,
  membershipRow,
  rolesEntity,
  transactionLinkEntities,
  transactionLinkSource,
  userRow,
  usersEntity,
  workspaceMembershipsEntity,
  workspaceRoleRow,
  workspaceRolesEntity,
  workspacesEntity,
} from '../src/sources/transactionlink.js';

const names = (entity: { columns: ReadonlyArray<{ name: string }> }) =>
  entity.columns.map((column) => column.name).join(', ');

describe('TransactionLink entities', () => {
  it('have exactly the columns and order of the design', () => {
    expect(transactionLinkEntities.map((entity) => entity.name)).toEqual([
      'users',
      'roles',
      'workspaces',
      'workspace-roles',
      'workspace-memberships',
      'enrollments',
    ]);
    expect(names(usersEntity)).toBe(
      'id, email, firstName, lastName, title, status, roleId, roleName, idpId, createdDateTime, lastLoginDateTime',
    );
    expect(names(rolesEntity)).toBe('id, name, organizationId');
    expect(names(workspacesEntity)).toBe('id, name, workspaceType');
    expect(names(workspaceRolesEntity)).toBe('workspaceId, id, name, type, createdDateTime');
    expect(names(workspaceMembershipsEntity)).toBe('workspaceId, workspaceName, userId, email, roleId, roleName');
    expect(names(enrollmentsEntity)).toBe('enrollmentId, email, status, lastInvitationSentAt');
    expect(workspaceMembershipsEntity.sortKey).toEqual(['workspaceId', 'userId']);
  });

  it('records the API version of the spec the client was generated from', () => {
    const spec = JSON.parse(readFileSync(new URL('../../../openapi/transactionlink.json', import.meta.url), 'utf8'));
    expect(transactionLinkSource.apiVersion).toBe(spec.info.version);
  });

  it('maps API objects to rows, nulls for what the API left out, timestamps in UTC', () => {
    const user: UserResponse = {
      id: 'u1',
      email: 'a@example.com',
      roleId: 'r1',
      profile: { firstName: 'Ada' },
      createdDateTime: '2026-01-05T10:00:00+01:00',
    };
    expect(userRow(user)).toEqual([
      'u1',
      'a@example.com',
      'Ada',
      null,
      null,
      null,
      'r1',
      null,
      null,
      '2026-01-05T09:00:00.000Z',
      null,
    ]);
    expect(enrollmentRow({ enrollmentId: 'e1', email: 'b@example.com', status: 'EXPIRED' })).toEqual([
      'e1',
      'b@example.com',
      'EXPIRED',
      null,
    ]);
    expect(
      workspaceRoleRow('w1', {
        id: 'wr',
        name: 'Analyst',
        type: 'WORKSPACE',
        createdDateTime: '2026-01-01T00:00:00Z',
      }),
    ).toEqual(['w1', 'wr', 'Analyst', 'WORKSPACE', '2026-01-01T00:00:00Z']);
  });

  it('joins role names into users, workspace names and emails into memberships', () => {
    const tables: Record<string, Record<string, Row>> = {
      roles: { r1: ['r1', 'admin', 'o1'] },
      workspaces: { w1: ['w1', 'Live 1', 'LIVE'] },
      users: {
        u1: userRow({
          id: 'u1',
          email: 'a@example.com',
          roleId: 'r1',
          profile: {},
          createdDateTime: '2026-01-05T09:00:00Z',
        }),
      },
    };
    const lookup = (entity: string, key: ReadonlyArray<string>) => tables[entity]?.[key.join('|')];
    const user = completeTransactionLinkRow('users', tables.users!.u1!, lookup);
    expect(user[7]).toBe('admin');
    const membership: WorkspaceMembershipResponse = {
      workspaceId: 'w1',
      userId: 'u1',
      role: {
        id: 'wr',
        name: 'Analyst',
        workspaceId: 'w1',
        type: 'WORKSPACE',
        createdDateTime: '2026-01-01T00:00:00Z',
      },
    };
    expect(completeTransactionLinkRow('workspace-memberships', membershipRow(membership), lookup)).toEqual([
      'w1',
      'Live 1',
      'u1',
      'a@example.com',
      'wr',
      'Analyst',
    ]);
    const orphan = completeTransactionLinkRow(
      'workspace-memberships',
      membershipRow({ ...membership, userId: 'gone' }),
      lookup,
    );
    expect(orphan[3]).toBeNull();
  });
});
