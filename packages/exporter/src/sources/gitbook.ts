/**
 * The GitBook source: the organization's members (guests included) and its invite links of all
 * three kinds (to the organization, to a space, to a collection), through `@rollcall/client`'s
 * `GitBookInvites`. Both lists are cursor-paged and reconciled against the `count` the API gives.
 *
 * @module
 */
import { GitBookConfig, type GitBookInvitesService, makeGitBookInvitesService } from '@rollcall/client';
import * as Effect from 'effect/Effect';
import * as Schema from 'effect/Schema';
import * as Stream from 'effect/Stream';
import { defineEntity, type EntityDefinition, type Row, utcTimestamp } from '../entity.js';
import type { EntityDrift, SourceFailure } from '../errors.js';
import { clientOverrides, configUsageError, sourceFailure, tokenSourceOf } from '../internal/client-connection.js';
import { cursorRows } from '../internal/cursor-rows.js';
import { DateTime, decodedRows, optional } from '../internal/item-decoding.js';
import type { Connection, ConnectOptions, Source } from '../source.js';

/** `members`: one row per member of the organization; `role` is null for a guest. */
export const membersEntity = defineEntity(
  'members',
  [
    ['id', 'string'],
    ['email', 'string'],
    ['displayName', 'string'],
    ['role', 'string'],
    ['disabled', 'boolean'],
    ['sso', 'boolean'],
    ['joinedAt', 'timestamp'],
    ['lastSeenAt', 'timestamp'],
  ],
  ['id'],
  {
    label: ['email'],
    tracked: [
      { name: 'role', compare: 'role', show: 'role' },
      { name: 'disabled', compare: 'disabled', show: 'disabled' },
      { name: 'sso', compare: 'sso', show: 'sso' },
    ],
  },
);

/**
 * `invite-links`: one row per invite link. `kind` says what it invites to and `targetId` which
 * one (the organization, a space, a collection); `role` is the organization role or the space or
 * collection level it grants, null for a guest.
 */
export const inviteLinksEntity = defineEntity(
  'invite-links',
  [
    ['id', 'string'],
    ['kind', 'string'],
    ['role', 'string'],
    ['targetId', 'string'],
    ['redundant', 'boolean'],
  ],
  ['id'],
  {
    label: ['kind', 'targetId'],
    tracked: [
      { name: 'role', compare: 'role', show: 'role' },
      { name: 'redundant', compare: 'redundant', show: 'redundant' },
    ],
  },
);

/** The entities, in the order their files are written. */
export const gitBookEntities: ReadonlyArray<EntityDefinition> = [membersEntity, inviteLinksEntity];

/** What an invite link invites to. */
export type InviteLinkKind = 'organization' | 'space' | 'collection';

/*
 * What each entity's rows are built from: the fields of the API's items its files use, decoded
 * strictly (see internal/item-decoding); required and typed as the spec says, roles and levels
 * (enums in the spec) read as strings, so a new role is written as received.
 */
const Role = Schema.NullOr(Schema.String);

/** The fields of an `OrganizationMember` the `members` file uses. */
export const MemberFields = Schema.Struct({
  id: Schema.String,
  role: Role,
  user: Schema.Struct({ email: optional(Schema.String), displayName: Schema.String }),
  disabled: Schema.Boolean,
  sso: Schema.Boolean,
  joinedAt: DateTime,
  lastSeenAt: optional(DateTime),
});

/**
 * The fields of an `OrganizationInviteLink` the `invite-links` file uses: a link to a space
 * (`level`, `space.id`), to a collection (`level`, `collection.id`) or to the organization (`role`).
 */
export const InviteLinkFields = Schema.Union(
  Schema.Struct({
    id: Schema.String,
    level: Role,
    redundant: Schema.Boolean,
    space: Schema.Struct({ id: Schema.String }),
  }),
  Schema.Struct({
    id: Schema.String,
    level: Role,
    redundant: Schema.Boolean,
    collection: Schema.Struct({ id: Schema.String }),
  }),
  Schema.Struct({ id: Schema.String, role: Role, redundant: Schema.Boolean }),
);

/** A member as a `members` row: a guest's role, a missing email and a never-seen member's lastSeenAt are null. */
export const memberRow = (member: typeof MemberFields.Type): Row => [
  member.id,
  member.user.email ?? null,
  member.user.displayName,
  member.role ?? null,
  member.disabled,
  member.sso,
  utcTimestamp(member.joinedAt),
  utcTimestamp(member.lastSeenAt),
];

/**
 * An invite link of organization `organizationId` as an `invite-links` row: a space link
 * (`level`, `space`) targets the space, a collection link (`level`, `collection`) the collection,
 * an organization link (`role`) the organization itself.
 */
export const inviteLinkRow = (link: typeof InviteLinkFields.Type, organizationId: string): Row => {
  const [kind, role, targetId]: readonly [InviteLinkKind, string | null, string] =
    'space' in link
      ? ['space', link.level, link.space.id]
      : 'collection' in link
        ? ['collection', link.level, link.collection.id]
        : ['organization', link.role, organizationId];
  return [link.id, kind, role ?? null, targetId, link.redundant];
};

const connectionFor = (service: GitBookInvitesService, options: ConnectOptions, tokenSource: string): Connection => {
  const { observer, pageSize } = options;
  const { organizationId } = service.config;
  const query = { limit: pageSize };
  const rows: Record<string, () => Stream.Stream<Row, SourceFailure | EntityDrift>> = {
    [membersEntity.name]: () =>
      cursorRows(
        membersEntity.name,
        service.members.pages(query).pipe(Stream.mapError(sourceFailure(membersEntity.name))),
        decodedRows(membersEntity.name, MemberFields, memberRow),
        observer,
        pageSize,
      ),
    [inviteLinksEntity.name]: () =>
      cursorRows(
        inviteLinksEntity.name,
        service.inviteLinks.pages(query).pipe(Stream.mapError(sourceFailure(inviteLinksEntity.name))),
        decodedRows(inviteLinksEntity.name, InviteLinkFields, (link) => inviteLinkRow(link, organizationId)),
        observer,
        pageSize,
      ),
  };
  return {
    baseUrl: service.config.baseUrl,
    token: service.config.token,
    tokenSource,
    rows: (entityName) => {
      const make = rows[entityName];
      if (make === undefined) throw new Error(`GitBook has no entity ${entityName}`);
      return make();
    },
  };
};

const TOKEN_VARIABLE = 'GITBOOK_TOKEN';

/** The entity a request's path fetches: `…/members` or `…/link-invites`. */
export const gitBookEntityOfPath = (path: string): string =>
  path.endsWith('/members') ? membersEntity.name : inviteLinksEntity.name;

/** What a GitBook source may be told in code rather than by environment variables. */
export interface GitBookSourceOptions {
  /** The organization to snapshot, over GITBOOK_ORGANIZATION_ID. */
  readonly organizationId?: string | undefined;
}

/**
 * GitBook's organization members and invite links as a snapshot source. It connects with
 * `--token-file`'s token or GITBOOK_TOKEN, `options.organizationId` or GITBOOK_ORGANIZATION_ID,
 * and `--base-url` or GITBOOK_BASE_URL (default https://api.gitbook.com/v1).
 */
export const makeGitBookSource = (options: GitBookSourceOptions = {}): Source => ({
  name: 'gitbook',
  system: 'GitBook',
  // info.version of openapi/gitbook.json, the spec the client was generated from.
  apiVersion: '0.0.1-beta',
  entities: gitBookEntities,
  connect: (connectOptions) =>
    GitBookConfig.fromEnv({
      ...clientOverrides(connectOptions, undefined, gitBookEntityOfPath),
      ...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
    }).pipe(
      Effect.mapError(configUsageError(TOKEN_VARIABLE, connectOptions)),
      Effect.map((config) =>
        connectionFor(makeGitBookInvitesService(config), connectOptions, tokenSourceOf(TOKEN_VARIABLE, connectOptions)),
      ),
    ),
});

/** The GitBook source of `rollcall export --source gitbook`: everything from flags and environment variables. */
export const gitBookSource: Source = makeGitBookSource();
