/**
 * The TransactionLink source: roles, workspaces with their roles and memberships, users and
 * enrollments in every status, through `@rollcall/client`. Users and enrollments are paged and
 * reconciled against the API's `totalElements`; memberships get the workspace's name and the
 * user's email, users their role's name, by joins made once everything is fetched.
 *
 * @module
 */
import {
  ENROLLMENT_STATUSES,
  makeTransactionLinkService,
  type PageDrift,
  TransactionLinkConfig,
  type TransactionLinkError,
  type TransactionLinkService,
} from '@rollcall/client';
import * as Chunk from 'effect/Chunk';
import * as Effect from 'effect/Effect';
import type * as Either from 'effect/Either';
import * as Schema from 'effect/Schema';
import * as Stream from 'effect/Stream';
import { columnIndexes, defineEntity, type EntityDefinition, type Row, utcTimestamp } from '../entity.js';
import { EntityDrift, SourceFailure, type UsageError } from '../errors.js';
import {
  clientOverrides,
  configUsageError,
  fetchLimiter,
  sourceFailure,
  tokenSourceOf,
} from '../internal/client-connection.js';
import { DateTime, decodedRows, decodeItems, optional, Uuid } from '../internal/item-decoding.js';
import type { Connection, ConnectOptions, FetchObserver, Lookup, Source } from '../source.js';

/** `users`: one row per organization user, with the name of their organization role. */
export const usersEntity = defineEntity(
  'users',
  [
    ['id', 'string'],
    ['email', 'string'],
    ['firstName', 'string'],
    ['lastName', 'string'],
    ['title', 'string'],
    ['status', 'string'],
    ['roleId', 'string'],
    ['roleName', 'string'],
    ['idpId', 'string'],
    ['createdDateTime', 'timestamp'],
    ['lastLoginDateTime', 'timestamp'],
  ],
  ['id'],
  {
    label: ['email'],
    tracked: [
      { name: 'role', compare: 'roleId', show: 'roleName' },
      { name: 'status', compare: 'status', show: 'status' },
    ],
  },
);

/** `roles`: the organization roles. */
export const rolesEntity = defineEntity(
  'roles',
  [
    ['id', 'string'],
    ['name', 'string'],
    ['organizationId', 'string'],
  ],
  ['id'],
);

/** `workspaces`: the workspaces the token may view. */
export const workspacesEntity = defineEntity(
  'workspaces',
  [
    ['id', 'string'],
    ['name', 'string'],
    ['workspaceType', 'string'],
  ],
  ['id'],
);

/** `workspace-roles`: the roles available in each workspace. */
export const workspaceRolesEntity = defineEntity(
  'workspace-roles',
  [
    ['workspaceId', 'string'],
    ['id', 'string'],
    ['name', 'string'],
    ['type', 'string'],
    ['createdDateTime', 'timestamp'],
  ],
  ['workspaceId', 'id'],
);

/** `workspace-memberships`: who has access to which workspace, with which workspace role. */
export const workspaceMembershipsEntity = defineEntity(
  'workspace-memberships',
  [
    ['workspaceId', 'string'],
    ['workspaceName', 'string'],
    ['userId', 'string'],
    ['email', 'string'],
    ['roleId', 'string'],
    ['roleName', 'string'],
  ],
  ['workspaceId', 'userId'],
  { label: ['workspaceName', 'email'], tracked: [{ name: 'role', compare: 'roleId', show: 'roleName' }] },
);

/** `enrollments`: invitations in every status (PENDING, ACCEPTED, EXPIRED, CANCELLED). */
export const enrollmentsEntity = defineEntity(
  'enrollments',
  [
    ['enrollmentId', 'string'],
    ['email', 'string'],
    ['status', 'string'],
    ['lastInvitationSentAt', 'timestamp'],
  ],
  ['enrollmentId'],
  { label: ['email'], tracked: [{ name: 'status', compare: 'status', show: 'status' }] },
);

/** The entities, in the order their files are written. */
export const transactionLinkEntities: ReadonlyArray<EntityDefinition> = [
  usersEntity,
  rolesEntity,
  workspacesEntity,
  workspaceRolesEntity,
  workspaceMembershipsEntity,
  enrollmentsEntity,
];

/*
 * What each entity's rows are built from: the fields of the API's items its files use, decoded
 * strictly (see internal/item-decoding); required and typed as the spec says, enums read as strings.
 */
const NullableString = Schema.NullOr(Schema.String);

/** The fields of a `UserResponse` the `users` file uses. */
export const UserFields = Schema.Struct({
  id: Uuid,
  email: Schema.String,
  idpId: optional(Schema.NullOr(Uuid)),
  roleId: Uuid,
  profile: Schema.Struct({
    firstName: optional(NullableString),
    lastName: optional(NullableString),
    title: optional(NullableString),
  }),
  status: optional(Schema.String),
  createdDateTime: DateTime,
  lastLoginDateTime: optional(Schema.NullOr(DateTime)),
});

/** The fields of an `OrganizationRoleResponse` the `roles` file uses. */
export const RoleFields = Schema.Struct({ id: Uuid, name: Schema.String, organizationId: Uuid });

/** The fields of a `WorkspaceResponse` the `workspaces` file uses (all optional in the spec). */
export const WorkspaceFields = Schema.Struct({
  id: optional(Uuid),
  name: optional(Schema.String),
  workspaceType: optional(Schema.String),
});

/** The fields of a `RoleRefResponse` the `workspace-roles` file uses. */
export const WorkspaceRoleFields = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  type: Schema.String,
  createdDateTime: DateTime,
});

/** The fields of a `WorkspaceMembershipResponse` the `workspace-memberships` file uses. */
export const MembershipFields = Schema.Struct({
  workspaceId: Uuid,
  userId: Uuid,
  role: Schema.Struct({ id: Uuid, name: Schema.String }),
});

/** The fields of an `EnrollmentResponse` the `enrollments` file uses. */
export const EnrollmentFields = Schema.Struct({
  enrollmentId: Uuid,
  email: Schema.String,
  status: Schema.String,
  lastInvitationSentAt: optional(Schema.NullOr(DateTime)),
});

/** A user as a `users` row; `roleName` is filled by the join. */
export const userRow = (user: typeof UserFields.Type): Row => [
  user.id,
  user.email,
  user.profile?.firstName ?? null,
  user.profile?.lastName ?? null,
  user.profile?.title ?? null,
  user.status ?? null,
  user.roleId,
  null,
  user.idpId ?? null,
  utcTimestamp(user.createdDateTime),
  utcTimestamp(user.lastLoginDateTime),
];

/** An organization role as a `roles` row. */
export const roleRow = (role: typeof RoleFields.Type): Row => [role.id, role.name, role.organizationId];

/** A workspace as a `workspaces` row. */
export const workspaceRow = (workspace: typeof WorkspaceFields.Type): Row => [
  workspace.id ?? null,
  workspace.name ?? null,
  workspace.workspaceType ?? null,
];

/** A role of workspace `workspaceId` (the workspace it was listed for) as a `workspace-roles` row. */
export const workspaceRoleRow = (workspaceId: string, role: typeof WorkspaceRoleFields.Type): Row => [
  workspaceId,
  role.id,
  role.name,
  role.type,
  utcTimestamp(role.createdDateTime),
];

/** A membership as a `workspace-memberships` row; `workspaceName` and `email` are filled by the join. */
export const membershipRow = (membership: typeof MembershipFields.Type): Row => [
  membership.workspaceId,
  null,
  membership.userId,
  null,
  membership.role.id,
  membership.role.name,
];

/** An enrollment as an `enrollments` row. */
export const enrollmentRow = (enrollment: typeof EnrollmentFields.Type): Row => [
  enrollment.enrollmentId,
  enrollment.email,
  enrollment.status,
  utcTimestamp(enrollment.lastInvitationSentAt),
];

const USER_ROLE_ID = columnIndexes(usersEntity, ['roleId'])[0]!;
const USER_ROLE_NAME = columnIndexes(usersEntity, ['roleName'])[0]!;
const USER_EMAIL = columnIndexes(usersEntity, ['email'])[0]!;
const ROLE_NAME = columnIndexes(rolesEntity, ['name'])[0]!;
const WORKSPACE_NAME = columnIndexes(workspacesEntity, ['name'])[0]!;
const [MEMBER_WORKSPACE_ID, MEMBER_WORKSPACE_NAME, MEMBER_USER_ID, MEMBER_EMAIL] = columnIndexes(
  workspaceMembershipsEntity,
  ['workspaceId', 'workspaceName', 'userId', 'email'],
) as [number, number, number, number];

/** Fills `users.roleName` and `workspace-memberships.workspaceName` and `.email`, in a copy of the row. */
export const completeTransactionLinkRow = (entityName: string, row: Row, lookup: Lookup): Row => {
  if (entityName === usersEntity.name) {
    const role = lookup(rolesEntity.name, [String(row[USER_ROLE_ID] ?? '')]);
    const completed = row.slice();
    completed[USER_ROLE_NAME] = role?.[ROLE_NAME] ?? null;
    return completed;
  }
  if (entityName === workspaceMembershipsEntity.name) {
    const workspace = lookup(workspacesEntity.name, [String(row[MEMBER_WORKSPACE_ID] ?? '')]);
    const user = lookup(usersEntity.name, [String(row[MEMBER_USER_ID] ?? '')]);
    const completed = row.slice();
    completed[MEMBER_WORKSPACE_NAME] = workspace?.[WORKSPACE_NAME] ?? null;
    completed[MEMBER_EMAIL] = user?.[USER_EMAIL] ?? null;
    return completed;
  }
  return row;
};

const failure =
  (entityName: string) =>
  (error: TransactionLinkError | PageDrift): SourceFailure | EntityDrift =>
    error._tag === 'PageDrift'
      ? new EntityDrift({ entity: entityName, detail: error.message })
      : sourceFailure(entityName)(error);

interface SpringPage {
  readonly content?: ReadonlyArray<unknown> | undefined;
  readonly totalElements?: number | undefined;
  readonly totalPages?: number | undefined;
}

/** A response's items as rows, or the SourceFailure of the first item lacking what the rows use. */
type ToRows = (items: ReadonlyArray<unknown>) => Either.Either<ReadonlyArray<Row>, SourceFailure>;

/**
 * Rows of a paged list, reconciled: the rows that arrived must add up to the `totalElements`
 * the API announced, else the entity drifted (rows were added or removed between pages).
 */
const pagedRows = (
  entityName: string,
  pages: Stream.Stream<SpringPage, TransactionLinkError | PageDrift>,
  toRows: ToRows,
  observer: FetchObserver,
): Stream.Stream<Row, SourceFailure | EntityDrift> =>
  Stream.suspend(() => {
    let announced: number | undefined;
    let received = 0;
    const reconcile = Stream.suspend(() =>
      announced === undefined || announced === received
        ? Stream.empty
        : Stream.fail(
            new EntityDrift({
              entity: entityName,
              detail: `the API announced ${announced} in total but ${received} arrived`,
            }),
          ),
    );
    return pages.pipe(
      Stream.mapError(failure(entityName)),
      Stream.mapConcatEffect((page) => {
        const content = page.content ?? [];
        announced ??= page.totalElements;
        received += content.length;
        observer.page(entityName, content.length, page.totalPages);
        return toRows(content);
      }),
      Stream.concat(reconcile),
    );
  });

/** The rows of an unpaged list read as a stream, decoded a chunk at a time, counted as one page at its end. */
const streamedRows = (
  entityName: string,
  items: Stream.Stream<unknown, TransactionLinkError>,
  toRows: ToRows,
  observer: FetchObserver,
): Stream.Stream<Row, SourceFailure | EntityDrift> =>
  Stream.suspend(() => {
    let received = 0;
    return items.pipe(
      Stream.mapError(failure(entityName)),
      Stream.mapChunksEffect((chunk) => {
        received += chunk.length;
        return Effect.map(toRows(Chunk.toReadonlyArray(chunk)), Chunk.unsafeFromArray);
      }),
      Stream.concat(Stream.fromEffect(Effect.sync(() => observer.page(entityName, received))).pipe(Stream.drain)),
    );
  });

/** The rows of a plain (unpaged) list, counted as one page. */
const listed = (
  entityName: string,
  list: Effect.Effect<ReadonlyArray<unknown>, TransactionLinkError>,
  toRows: ToRows,
  observer: FetchObserver,
): Effect.Effect<ReadonlyArray<Row>, SourceFailure | EntityDrift> =>
  list.pipe(
    Effect.mapError(failure(entityName)),
    Effect.flatMap((items) => {
      observer.page(entityName, items.length);
      return toRows(items);
    }),
  );

/** Workspaces whose roles, or members, are fetched at the same time. */
const WORKSPACES_AT_ONCE = 4;

/**
 * The API lists only the workspaces the token may view, and a token without
 * `can_view_workspace` sees none at all rather than a 403: an empty list cannot tell "no
 * workspaces" from "not allowed to see them", so the snapshot says so.
 */
const EMPTY_WORKSPACES =
  'the workspace list is empty: the organization has no workspaces, or the token lacks can_view_workspace (the API lists only the workspaces a token may view)';

/**
 * `service` over every list, but enrollments through `later`: a service that shares its settings
 * (retry policy, rate-limit pause, observer) and sends through a later lane of the same limiter.
 * Users and the lists joined with them arrive first and are written while enrollments, which
 * nothing joins, are still being fetched.
 */
const connectionFor = (
  service: TransactionLinkService,
  later: TransactionLinkService,
  options: ConnectOptions,
  tokenSource: string,
): Effect.Effect<Connection> =>
  Effect.map(
    Effect.cached(
      service.workspaces.list().pipe(
        Effect.tap((workspaces) => {
          if (workspaces.length === 0) options.observer.warn(EMPTY_WORKSPACES);
        }),
      ),
    ),
    (workspaceList): Connection => {
      const { observer, concurrency, pageSize } = options;
      const workspaceIds = (entityName: string) =>
        workspaceList.pipe(
          Effect.mapError(failure(entityName)),
          Effect.flatMap(decodeItems(entityName, WorkspaceFields)),
          Effect.flatMap((workspaces) =>
            Effect.forEach(workspaces, (workspace) =>
              workspace.id === undefined
                ? Effect.fail(
                    new SourceFailure({
                      entity: entityName,
                      reason: 'MissingId',
                      message: `${entityName}: the workspace list has a workspace without an id (${workspace.name ?? 'no name'})`,
                    }),
                  )
                : Effect.succeed(workspace.id),
            ),
          ),
        );
      // Several workspaces at once: roles are short lists, memberships arrive as a stream
      // (a member at a time), so neither holds a workspace whole in memory.
      const perWorkspace = (
        entityName: string,
        rowsOf: (workspaceId: string) => Stream.Stream<Row, SourceFailure | EntityDrift>,
      ): Stream.Stream<Row, SourceFailure | EntityDrift> =>
        Stream.fromIterableEffect(workspaceIds(entityName)).pipe(
          Stream.flatMap(rowsOf, { concurrency: WORKSPACES_AT_ONCE }),
        );

      const rows: Record<string, () => Stream.Stream<Row, SourceFailure | EntityDrift>> = {
        [usersEntity.name]: () =>
          pagedRows(
            usersEntity.name,
            service.users.pages({ pageSize, concurrency, ordered: false }),
            decodedRows(usersEntity.name, UserFields, userRow),
            observer,
          ),
        [rolesEntity.name]: () =>
          Stream.fromIterableEffect(
            listed(
              rolesEntity.name,
              service.roles.list(),
              decodedRows(rolesEntity.name, RoleFields, roleRow),
              observer,
            ),
          ),
        [workspacesEntity.name]: () =>
          Stream.fromIterableEffect(
            listed(
              workspacesEntity.name,
              workspaceList,
              decodedRows(workspacesEntity.name, WorkspaceFields, workspaceRow),
              observer,
            ),
          ),
        [workspaceRolesEntity.name]: () =>
          perWorkspace(workspaceRolesEntity.name, (id) =>
            Stream.fromIterableEffect(
              listed(
                workspaceRolesEntity.name,
                service.workspaces.roles(id),
                decodedRows(workspaceRolesEntity.name, WorkspaceRoleFields, (role) => workspaceRoleRow(id, role)),
                observer,
              ),
            ),
          ),
        [workspaceMembershipsEntity.name]: () =>
          perWorkspace(workspaceMembershipsEntity.name, (id) =>
            streamedRows(
              workspaceMembershipsEntity.name,
              service.workspaces.membershipStream(id),
              decodedRows(workspaceMembershipsEntity.name, MembershipFields, membershipRow),
              observer,
            ),
          ),
        [enrollmentsEntity.name]: () =>
          pagedRows(
            enrollmentsEntity.name,
            later.enrollments.pages({ status: ENROLLMENT_STATUSES, pageSize, concurrency, ordered: false }),
            decodedRows(enrollmentsEntity.name, EnrollmentFields, enrollmentRow),
            observer,
          ),
      };
      return {
        baseUrl: service.config.baseUrl,
        token: service.config.token,
        tokenSource,
        rows: (entityName) => {
          const make = rows[entityName];
          if (make === undefined) throw new Error(`TransactionLink has no entity ${entityName}`);
          return make();
        },
      };
    },
  );

/** The entity a request's path fetches, e.g. `/organizations/workspaces/{id}/roles` → `workspace-roles`. */
export const transactionLinkEntityOfPath = (path: string): string => {
  if (/\/workspaces\/[^/]+\/roles$/.test(path)) return workspaceRolesEntity.name;
  if (/\/workspaces\/[^/]+\/memberships$/.test(path)) return workspaceMembershipsEntity.name;
  if (path.endsWith('/workspaces')) return workspacesEntity.name;
  if (path.endsWith('/roles')) return rolesEntity.name;
  if (path.endsWith('/users')) return usersEntity.name;
  if (path.endsWith('/enrollments')) return enrollmentsEntity.name;
  return path;
};

const TOKEN_VARIABLE = 'TRANSACTIONLINK_TOKEN';

/** Connects with `--token-file`'s token or TRANSACTIONLINK_TOKEN, `--base-url` or TRANSACTIONLINK_BASE_URL. */
const connect = (options: ConnectOptions): Effect.Effect<Connection, UsageError> => {
  const limiter = fetchLimiter(options, 2);
  return TransactionLinkConfig.fromEnv(clientOverrides(options, limiter.lane(0), transactionLinkEntityOfPath)).pipe(
    Effect.mapError(configUsageError(TOKEN_VARIABLE, options)),
    Effect.flatMap((config) =>
      connectionFor(
        makeTransactionLinkService(config),
        makeTransactionLinkService({ ...config, settings: { ...config.settings, fetch: limiter.lane(1) } }),
        options,
        tokenSourceOf(TOKEN_VARIABLE, options),
      ),
    ),
  );
};

/** The TransactionLink organization API as a snapshot source. */
export const transactionLinkSource: Source = {
  name: 'transactionlink',
  system: 'TransactionLink',
  // info.version of openapi/transactionlink.json, the spec the client was generated from.
  apiVersion: 'v3',
  entities: transactionLinkEntities,
  connect,
  complete: completeTransactionLinkRow,
  joins: {
    [usersEntity.name]: [rolesEntity.name],
    [workspaceMembershipsEntity.name]: [workspacesEntity.name, usersEntity.name],
  },
};
