import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Collection, OrganizationInviteLink, OrganizationMember, Space } from '@rollcall/client';
import { Effect, Either, Redacted, Stream } from 'effect';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../src/diff.js';
import type { Row } from '../src/entity.js';
import { EntityDrift, SourceFailure } from '../src/errors.js';
import { runExport } from '../src/export.js';
import type { Format } from '../src/format.js';
import { type CountedPage, cursorRows } from '../src/internal/cursor-rows.js';
import { typeCsvRecord } from '../src/internal/record-parsers.js';
import type { FetchObserver, Source } from '../src/source.js';
import {
  gitBookEntities,
  gitBookSource,
  inviteLinkRow,
  inviteLinksEntity,
  memberRow,
  membersEntity,
} from '../src/sources/gitbook.js';
import { SOURCE_NAMES, sources } from '../src/sources/index.js';
import { run, temporaryDir } from './support/run.js';

const ORGANIZATION = 'org_7Hq2';

const member = (overrides: Partial<OrganizationMember> = {}, user: Partial<OrganizationMember['user']> = {}) =>
  ({
    object: 'member',
    id: 'u1',
    role: 'edit',
    user: {
      object: 'user',
      id: 'u1',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      urls: { location: 'https://api.gitbook.com/v1/users/u1' },
      ...user,
    },
    disabled: false,
    joinedAt: '2025-03-01T10:00:00.000Z',
    lastSeenAt: '2026-01-02T08:30:00.000Z',
    sso: true,
    spaces: 3,
    teams: 1,
    sites: 0,
    ...overrides,
  }) satisfies OrganizationMember;

const space: Space = {
  object: 'space',
  id: 'space_Runbooks',
  title: 'Runbooks',
  emoji: '1f6e0',
  visibility: 'private',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-02-01T00:00:00.000Z',
  mergeRules: { type: 'inherit' },
  urls: { location: 'https://api.gitbook.com/v1/spaces/space_Runbooks', app: 'https://app.gitbook.com/s/x' },
  organization: ORGANIZATION,
  revision: 'rev1',
  defaultLevel: 'inherit',
  comments: 0,
  changeRequests: 0,
  changeRequestsOpen: 0,
  changeRequestsDraft: 0,
  permissions: {
    view: true,
    access: true,
    admin: false,
    viewInviteLinks: true,
    edit: false,
    triggerGitSync: false,
    comment: true,
    merge: false,
    review: false,
    installIntegration: false,
  },
};

const collection: Collection = {
  object: 'collection',
  id: 'collection_Handbook',
  title: 'Handbook',
  organization: ORGANIZATION,
  defaultLevel: 'read',
  urls: { location: 'https://api.gitbook.com/v1/collections/collection_Handbook', app: 'https://app.gitbook.com/c/x' },
  permissions: { view: true, admin: false, viewInviteLinks: true, create: false },
};

describe('GitBook entities', () => {
  it('have exactly the columns, order and sort keys of the design', () => {
    expect(gitBookEntities.map((entity) => entity.name)).toEqual(['members', 'invite-links']);
    expect(membersEntity.columns.map((column) => column.name)).toEqual([
      'id',
      'email',
      'displayName',
      'role',
      'disabled',
      'sso',
      'joinedAt',
      'lastSeenAt',
    ]);
    expect(inviteLinksEntity.columns.map((column) => column.name)).toEqual([
      'id',
      'kind',
      'role',
      'targetId',
      'redundant',
    ]);
    expect(membersEntity.sortKey).toEqual(['id']);
    expect(inviteLinksEntity.sortKey).toEqual(['id']);
  });

  it('type booleans and timestamps, so CSV writes true/false and diff reads them back', () => {
    const typeOf = (name: string) =>
      [...membersEntity.columns, ...inviteLinksEntity.columns].find((column) => column.name === name)?.type;
    expect(['disabled', 'sso', 'redundant'].map(typeOf)).toEqual(['boolean', 'boolean', 'boolean']);
    expect(['joinedAt', 'lastSeenAt'].map(typeOf)).toEqual(['timestamp', 'timestamp']);
  });

  it('diff members on role, disabled and sso, and invite links on role and redundant', () => {
    expect(membersEntity.diff?.tracked.map((field) => field.name)).toEqual(['role', 'disabled', 'sso']);
    expect(inviteLinksEntity.diff?.tracked.map((field) => field.name)).toEqual(['role', 'redundant']);
  });

  it('records the API version of the spec the client was generated from', () => {
    const spec = JSON.parse(readFileSync(new URL('../../../openapi/gitbook.json', import.meta.url), 'utf8'));
    expect(gitBookSource.apiVersion).toBe(spec.info.version);
    expect(gitBookSource.system).toBe('GitBook');
  });

  it('is registered under --source gitbook, like every name --source accepts', () => {
    expect(sources.map((source) => source.name)).toEqual([...SOURCE_NAMES]);
    expect(sources).toContain(gitBookSource);
  });
});

describe('memberRow', () => {
  it('maps a member in column order, timestamps in UTC', () => {
    expect(memberRow(member({ joinedAt: '2025-03-01T11:00:00+01:00' }))).toEqual([
      'u1',
      'ada@example.com',
      'Ada Lovelace',
      'edit',
      false,
      true,
      '2025-03-01T10:00:00.000Z',
      '2026-01-02T08:30:00.000Z',
    ]);
  });

  it('gives a guest a null role, never a role name', () => {
    expect(memberRow(member({ role: null }))[3]).toBeNull();
  });

  it('leaves email and lastSeenAt null when the API leaves them out', () => {
    const { lastSeenAt: _seen, ...neverSeen } = member({ disabled: true, sso: false });
    const { email: _email, ...noEmail } = member().user;
    const row = memberRow({ ...neverSeen, user: noEmail });
    expect(row).toEqual(['u1', null, 'Ada Lovelace', 'edit', true, false, '2025-03-01T10:00:00.000Z', null]);
  });
});

describe('inviteLinkRow', () => {
  const links: ReadonlyArray<[OrganizationInviteLink, Row]> = [
    [
      { object: 'invite', id: 'i-org', role: 'admin', redundant: false },
      ['i-org', 'organization', 'admin', ORGANIZATION, false],
    ],
    [
      { object: 'invite', id: 'i-space', level: 'comment', redundant: true, space },
      ['i-space', 'space', 'comment', 'space_Runbooks', true],
    ],
    [
      { object: 'invite', id: 'i-collection', level: 'review', redundant: false, collection },
      ['i-collection', 'collection', 'review', 'collection_Handbook', false],
    ],
  ];

  it('tells the three kinds apart: the organization role, or the level and id of the space or collection', () => {
    for (const [link, row] of links) expect(inviteLinkRow(link, ORGANIZATION), link.id).toEqual(row);
  });

  it('gives a guest link of any kind a null role', () => {
    expect(inviteLinkRow({ id: 'g1', role: null, redundant: false }, ORGANIZATION)[2]).toBeNull();
    expect(inviteLinkRow({ id: 'g2', level: null, redundant: false, space }, ORGANIZATION)[2]).toBe(null);
    expect(inviteLinkRow({ id: 'g3', level: null, redundant: false, collection }, ORGANIZATION)[2]).toBeNull();
  });
});

describe('cursorRows', () => {
  const observed: Array<[string, number, number | undefined]> = [];
  const observer: FetchObserver = {
    request: () => {},
    retry: () => {},
    page: (entity, rows, totalPages) => void observed.push([entity, rows, totalPages]),
    warn: () => {},
  };
  const page = (ids: ReadonlyArray<string>, count?: number): CountedPage =>
    count === undefined ? { items: ids } : { items: ids, count };
  const rowsOf = (pages: ReadonlyArray<CountedPage>) =>
    Effect.runPromise(
      Effect.either(
        Stream.runCollect(
          cursorRows(
            'members',
            Stream.fromIterable(pages),
            (ids) => Either.right(ids.map((id) => [id as string])),
            observer,
            2,
          ),
        ).pipe(Effect.map((chunk) => [...chunk])),
      ),
    );

  it('streams every page and reports each one, with a page total from the count', async () => {
    observed.length = 0;
    const result = await rowsOf([page(['a', 'b'], 3), page(['c'], 3)]);
    expect(result).toEqual(Either.right([['a'], ['b'], ['c']]));
    expect(observed).toEqual([
      ['members', 2, 2],
      ['members', 1, 2],
    ]);
  });

  it('accepts a list without a count as it comes', async () => {
    expect(await rowsOf([page(['a', 'b']), page(['c'])])).toEqual(Either.right([['a'], ['b'], ['c']]));
  });

  it('is drift when the count moves between pages', async () => {
    const result = await rowsOf([page(['a', 'b'], 3), page(['c', 'd'], 4)]);
    expect(Either.isLeft(result) && result.left).toBeInstanceOf(EntityDrift);
    expect(Either.isLeft(result) && result.left.message).toBe(
      'members changed while it was being exported: the count moved from 3 to 4 at page 2',
    );
  });

  it('is drift when the rows do not add up to the count', async () => {
    const result = await rowsOf([page(['a', 'b'], 4), page(['c'], 4)]);
    expect(Either.isLeft(result) && result.left.message).toBe(
      'members changed while it was being exported: the API counted 4 in total but 3 arrived',
    );
  });

  it('passes a failed page on as it is', async () => {
    const failure = new SourceFailure({ entity: 'members', reason: 'ServerError', message: 'members: 500' });
    const pages = Stream.concat(Stream.make(page(['a'], 2)), Stream.fail(failure));
    const result = await Effect.runPromise(
      Effect.either(
        Stream.runDrain(
          cursorRows('members', pages, (ids) => Either.right(ids.map((id) => [id as string])), observer, 2),
        ),
      ),
    );
    expect(result).toEqual(Either.left(failure));
  });
});

describe('typeCsvRecord', () => {
  it('reads booleans back as booleans in boolean columns only, leaving other text and nulls alone', () => {
    const typed = typeCsvRecord(membersEntity)({
      id: 'true',
      email: null,
      displayName: 'false',
      role: null,
      disabled: 'true',
      sso: 'false',
      joinedAt: '2025-01-01T00:00:00Z',
      lastSeenAt: null,
    });
    expect(typed).toEqual({
      id: 'true',
      email: null,
      displayName: 'false',
      role: null,
      disabled: true,
      sso: false,
      joinedAt: '2025-01-01T00:00:00Z',
      lastSeenAt: null,
    });
  });
});

describe('diff of two GitBook snapshots', () => {
  /** The GitBook entities over rows given here, written by the real exporter. */
  const snapshotOf = async (rows: Readonly<Record<string, ReadonlyArray<Row>>>, format: Format) => {
    const source: Source = {
      ...gitBookSource,
      connect: () =>
        Effect.succeed({
          baseUrl: 'https://api.gitbook.com/v1',
          token: Redacted.make('gb_test_token'),
          tokenSource: 'GITBOOK_TOKEN',
          rows: (entity) => Stream.fromIterable(rows[entity] ?? []),
        }),
    };
    return (
      await run(
        runExport({
          source,
          out: join(temporaryDir(), format),
          formats: [format],
          pageSize: 10,
          concurrency: 1,
          bom: false,
        }),
      )
    ).path;
  };
  const ada = memberRow(member());
  const bob = memberRow(member({ id: 'u2', role: null, sso: false }, { email: 'bob@example.com' }));
  const cyd = memberRow(member({ id: 'u3', role: 'read' }, { email: 'cyd@example.com' }));
  const org = inviteLinkRow({ id: 'i1', role: 'read', redundant: false }, ORGANIZATION);
  const spaceLink = inviteLinkRow({ id: 'i2', level: 'edit', redundant: false, space }, ORGANIZATION);

  it('finds members added, removed and changing role, disabled or sso, and invite links added, removed or changed, from CSV and JSON alike', async () => {
    const older = await snapshotOf({ members: [ada, bob], 'invite-links': [org, spaceLink] }, 'csv');
    const newer = await snapshotOf(
      {
        members: [
          memberRow(member({ disabled: true, sso: false })),
          memberRow(member({ id: 'u2', role: 'read', sso: false }, { email: 'bob@example.com' })),
          cyd,
        ],
        'invite-links': [inviteLinkRow({ id: 'i1', role: 'admin', redundant: true }, ORGANIZATION)],
      },
      'json',
    );
    const diff = await run(diffSnapshots(older, newer, sources));
    expect(diff.source).toBe('gitbook');
    expect(diff.entities.members).toEqual({
      added: [{ id: 'u3', email: 'cyd@example.com', role: 'read', disabled: false, sso: true }],
      removed: [],
      changed: [
        {
          row: { id: 'u1', email: 'ada@example.com' },
          changes: { disabled: { old: false, new: true }, sso: { old: true, new: false } },
        },
        { row: { id: 'u2', email: 'bob@example.com' }, changes: { role: { old: null, new: 'read' } } },
      ],
    });
    expect(diff.entities['invite-links']).toEqual({
      added: [],
      removed: [{ id: 'i2', kind: 'space', targetId: 'space_Runbooks', role: 'edit', redundant: false }],
      changed: [
        {
          row: { id: 'i1', kind: 'organization', targetId: ORGANIZATION },
          changes: { role: { old: 'read', new: 'admin' }, redundant: { old: false, new: true } },
        },
      ],
    });
    const back = await run(diffSnapshots(newer, older, sources));
    expect(back.entities.members?.removed).toEqual([
      { id: 'u3', email: 'cyd@example.com', role: 'read', disabled: false, sso: true },
    ]);
  });
});
