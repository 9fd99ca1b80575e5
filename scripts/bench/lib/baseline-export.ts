/**
 * The throughput baseline: what a reasonable person writes without rollcall. A plain sequential
 * loop over every page and list with the generated fetch client, rows kept in memory, sorted,
 * and written as the same CSV files as `rollcall export` (same columns, order, quoting, formula
 * neutralisation and joins), so the bench can check the two are byte-identical.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TransactionLinkSdk } from '@rollcall/transactionlink-fetch';
import { createClient } from '@rollcall/transactionlink-fetch/client';

type Cell = string | null | undefined;

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\u0000']);

/** One CSV field: formula cells get a `'`, fields with a comma, quote or line break are quoted. */
const field = (cell: Cell): string => {
  if (cell === null || cell === undefined) return '';
  if (cell === '') return '""';
  const text = FORMULA_TRIGGERS.has(cell[0]!) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const writeCsv = (path: string, header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>) => {
  let text = `${header.join(',')}\r\n`;
  for (const row of rows) text += `${row.map(field).join(',')}\r\n`;
  writeFileSync(path, text);
};

/** Sorts rows by the cells at `keyColumns`, by code units (as rollcall does, never by locale). */
const sortRows = <R extends ReadonlyArray<Cell>>(rows: Array<R>, keyColumns: ReadonlyArray<number> = [0]): Array<R> =>
  rows.sort((a, b) => {
    for (const i of keyColumns) {
      const x = a[i] ?? '';
      const y = b[i] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });

/**
 * `result.data` of a hey-api call; a 429 is waited out as its `Retry-After` says (the one courtesy
 * a plain loop needs to survive a rate limit), any other error response throws.
 */
const data = async <T>(call: () => Promise<{ data?: T; error?: unknown; response?: Response }>): Promise<T> => {
  for (;;) {
    const result = await call();
    if (result.data !== undefined) return result.data;
    const status = result.response?.status;
    if (status !== 429) throw new Error(`baseline request failed: HTTP ${status}`);
    const seconds = Number(result.response?.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
  }
};

/** Exports into `dir` (which must exist) the six CSV files of a TransactionLink snapshot. */
export const baselineExport = async (baseUrl: string, token: string, dir: string, pageSize = 100): Promise<void> => {
  const sdk = new TransactionLinkSdk({ client: createClient({ baseUrl }) });
  const headers = { Authorization: token };

  const users: Array<Array<Cell>> = [];
  for (let page = 0, totalPages = 1; page < totalPages; page++) {
    const body = await data(() => sdk.listUsers({ headers, query: { page, size: pageSize } }));
    totalPages = body.totalPages ?? 0;
    for (const user of body.content ?? []) {
      users.push([
        user.id,
        user.email,
        user.profile?.firstName,
        user.profile?.lastName,
        user.profile?.title,
        user.status,
        user.roleId,
        null,
        user.idpId,
        user.createdDateTime,
        user.lastLoginDateTime,
      ]);
    }
  }
  const roles = await data(() => sdk.listOrganizationRoles({ headers }));
  const roleNames = new Map(roles.map((role) => [role.id, role.name]));
  for (const user of users) user[7] = roleNames.get(user[6] ?? '');
  const emails = new Map(users.map((user) => [user[0], user[1]]));

  const workspaces = await data(() => sdk.listWorkspaces({ headers }));
  const workspaceRoles: Array<Array<Cell>> = [];
  const memberships: Array<Array<Cell>> = [];
  for (const workspace of workspaces) {
    const workspaceId = workspace.id!;
    const path = { workspaceId };
    for (const role of await data(() => sdk.listWorkspaceRoles({ headers, path }))) {
      workspaceRoles.push([workspaceId, role.id, role.name, role.type, role.createdDateTime]);
    }
    for (const membership of await data(() => sdk.listWorkspaceMemberships({ headers, path }))) {
      memberships.push([
        membership.workspaceId,
        workspace.name,
        membership.userId,
        emails.get(membership.userId),
        membership.role.id,
        membership.role.name,
      ]);
    }
  }

  const enrollments: Array<Array<Cell>> = [];
  const status = ['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED'] as const;
  for (let page = 0, totalPages = 1; page < totalPages; page++) {
    const body = await data(() =>
      sdk.listEnrollments({ headers, query: { status: [...status], page, size: pageSize } }),
    );
    totalPages = body.totalPages ?? 0;
    for (const enrollment of body.content ?? []) {
      enrollments.push([enrollment.enrollmentId, enrollment.email, enrollment.status, enrollment.lastInvitationSentAt]);
    }
  }

  const file = (name: string) => join(dir, `${name}.csv`);
  writeCsv(
    file('users'),
    [
      'id',
      'email',
      'firstName',
      'lastName',
      'title',
      'status',
      'roleId',
      'roleName',
      'idpId',
      'createdDateTime',
      'lastLoginDateTime',
    ],
    sortRows(users),
  );
  writeCsv(
    file('roles'),
    ['id', 'name', 'organizationId'],
    sortRows(roles.map((role) => [role.id, role.name, role.organizationId])),
  );
  writeCsv(
    file('workspaces'),
    ['id', 'name', 'workspaceType'],
    sortRows(workspaces.map((workspace) => [workspace.id, workspace.name, workspace.workspaceType])),
  );
  writeCsv(
    file('workspace-roles'),
    ['workspaceId', 'id', 'name', 'type', 'createdDateTime'],
    sortRows(workspaceRoles, [0, 1]),
  );
  writeCsv(
    file('workspace-memberships'),
    ['workspaceId', 'workspaceName', 'userId', 'email', 'roleId', 'roleName'],
    sortRows(memberships, [0, 2]),
  );
  writeCsv(file('enrollments'), ['enrollmentId', 'email', 'status', 'lastInvitationSentAt'], sortRows(enrollments));
};
