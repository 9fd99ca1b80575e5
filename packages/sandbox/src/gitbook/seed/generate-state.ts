/**
 * Seeded GitBook data: the same settings give the same records, byte for byte. Members cover
 * every role and guests, disabled and SSO members, members never seen, and the awkward names
 * exports must survive; invite links cover all three kinds, some redundant.
 */
import type {
  Collection,
  ContentVisibility,
  DefaultLevel,
  MemberRole,
  MemberRoleOrGuest,
  Space,
} from '@rollcall/gitbook-fetch';
import { makeRandom, type Random } from '../../core/random.js';
import { AWKWARD_EMAIL_LOCALS, AWKWARD_PROFILES, type SeedProfile } from '../../seed-data/awkward-profiles.js';
import { DOMAINS, FIRST_NAMES, HANDLES, LAST_NAMES } from '../../seed-data/names.js';
import { API_ORIGIN, APP_ORIGIN, entityId, userId } from '../ids.js';
import {
  type InviteLinkKind,
  type InviteLinkRecord,
  MEMBER_ROLES,
  type MemberRecord,
  type UserRecord,
} from '../model.js';
import type { GitBookState } from '../state/gitbook-state.js';
import { SortedById } from '../state/sorted-by-id.js';
import { UserDirectory } from '../state/user-directory.js';
import { COLLECTION_TITLES, EMOJIS, SPACE_TITLES } from './content-names.js';

export interface GitBookSeedSettings {
  readonly seed: string | number;
  /** Members, the admin included (>= 1). */
  readonly members: number;
  readonly inviteLinks: number;
  /** Replaces the seeded organization id; nothing else changes. */
  readonly organizationId: string | undefined;
  /** Virtual now, epoch ms: every seeded time lies before it. */
  readonly now: number;
}

const DAY = 86_400_000;
/** Seeded members joined and content was created between this time and a day before now. */
const HISTORY_START = Date.UTC(2020, 2, 2, 9, 15);
const SPACES = 6;
const COLLECTIONS = 3;

/** Roles of the first members after the admin, so any seed with 7 members has every role and a guest. */
const FIRST_ROLES: ReadonlyArray<MemberRoleOrGuest> = ['read', null, 'edit', 'comment', 'create', 'review'];

export function generateGitBookState(settings: GitBookSeedSettings): GitBookState {
  const random = makeRandom(settings.seed, 'gitbook-data');
  const seededOrganizationId = entityId(random);
  const organizationId = settings.organizationId ?? seededOrganizationId;
  const otherOrganizationId = entityId(random);
  const end = Math.max(HISTORY_START + 1, settings.now - DAY);

  const collections = generateCollections(random, organizationId);
  const spaces = generateSpaces(random, organizationId, [...collections.keys()], end, settings.now);
  const { users, members } = generateMembers(random, settings, end);
  const inviteLinks = generateInviteLinks(random, settings.inviteLinks, [...spaces.keys()], [...collections.keys()]);

  return {
    organizationId,
    otherOrganizationId,
    adminUserId: members[0]!.id,
    users: new UserDirectory(users),
    members: new SortedById(members),
    inviteLinks: new SortedById(inviteLinks),
    spaces,
    collections,
  };
}

function generateMembers(random: Random, settings: GitBookSeedSettings, end: number) {
  const users: UserRecord[] = [];
  const members: MemberRecord[] = [];
  const count = Math.max(1, settings.members);
  const gap = (end - HISTORY_START) / count;
  const awkwardOffset = random.int(AWKWARD_PROFILES.length);
  // Any seed with two or more members has a disabled, an SSO and a never-seen one among its first eleven.
  const special = () => 1 + random.int(Math.max(1, Math.min(count - 1, 10)));
  const [surelyDisabled, surelySso, surelyUnseen] = [special(), special(), special()];
  for (let i = 0; i < count; i++) {
    const id = userId(random);
    const profile =
      i >= 1 && i <= AWKWARD_PROFILES.length
        ? AWKWARD_PROFILES[(i - 1 + awkwardOffset) % AWKWARD_PROFILES.length]!
        : ordinary(random);
    users.push({
      id,
      email: memberEmail(random, i),
      displayName: displayName(profile),
      photoURL: random.chance(0.6) ? `https://avatars.gitbook.example/${id}.png` : null,
    });
    const joinedAt = HISTORY_START + Math.floor(i * gap + random.next() * (gap / 2));
    members.push({
      id,
      role: i === 0 ? 'admin' : i <= FIRST_ROLES.length ? FIRST_ROLES[i - 1]! : randomRole(random),
      disabled: i > 0 && (i === surelyDisabled || random.chance(0.06)),
      sso: i === surelySso || random.chance(0.3),
      joinedAt,
      lastSeenAt:
        i > 0 && (i === surelyUnseen || random.chance(0.15))
          ? null
          : joinedAt + Math.floor(random.next() * (settings.now - joinedAt)),
      spaces: random.int(9),
      teams: random.int(4),
      sites: random.int(3),
    });
  }
  return { users, members };
}

function generateInviteLinks(
  random: Random,
  count: number,
  spaceIds: ReadonlyArray<string>,
  collectionIds: ReadonlyArray<string>,
): InviteLinkRecord[] {
  const firstKinds: ReadonlyArray<InviteLinkKind> = ['organization', 'space', 'collection'];
  const links: InviteLinkRecord[] = [];
  for (let j = 0; j < count; j++) {
    const draw = random.next();
    const kind =
      j < firstKinds.length ? firstKinds[j]! : draw < 0.5 ? 'organization' : draw < 0.8 ? 'space' : 'collection';
    const id = entityId(random);
    // The first is not redundant and the second is, so any two links show both.
    const redundant = j === 1 || (j > 1 && random.chance(0.3));
    const access = j === 2 ? null : randomRole(random);
    links.push(
      kind === 'organization'
        ? { kind, id, role: access, redundant }
        : { kind, id, level: access, redundant, targetId: random.pick(kind === 'space' ? spaceIds : collectionIds) },
    );
  }
  return links;
}

function generateCollections(random: Random, organizationId: string): Map<string, Collection> {
  const collections = new Map<string, Collection>();
  for (let c = 0; c < COLLECTIONS; c++) {
    const id = entityId(random);
    collections.set(id, {
      object: 'collection',
      id,
      title: COLLECTION_TITLES[c % COLLECTION_TITLES.length]!,
      ...(random.chance(0.5) ? { description: 'Docs, guides and decisions — "living" documents' } : {}),
      organization: organizationId,
      defaultLevel: defaultLevel(random),
      urls: {
        location: `${API_ORIGIN}/v1/collections/${id}`,
        app: `${APP_ORIGIN}/o/${organizationId}/c/${id}/`,
      },
      permissions: { view: true, admin: true, viewInviteLinks: true, create: true },
    });
  }
  return collections;
}

function generateSpaces(
  random: Random,
  organizationId: string,
  collectionIds: ReadonlyArray<string>,
  end: number,
  now: number,
): Map<string, Space> {
  const visibilities: ReadonlyArray<ContentVisibility> = [
    'private',
    'public',
    'unlisted',
    'share-link',
    'in-collection',
  ];
  const spaces = new Map<string, Space>();
  for (let s = 0; s < SPACES; s++) {
    const id = entityId(random);
    const createdAt = HISTORY_START + Math.floor(random.next() * (end - HISTORY_START));
    const updatedAt = createdAt + Math.floor(random.next() * (now - createdAt));
    const parent = random.chance(0.5) ? random.pick(collectionIds) : undefined;
    const visibility = visibilities[s % visibilities.length]!;
    const open = random.int(4);
    const draft = random.int(3);
    spaces.set(id, {
      object: 'space',
      id,
      title: SPACE_TITLES[s % SPACE_TITLES.length]!,
      emoji: random.pick(EMOJIS),
      visibility: visibility === 'in-collection' && parent === undefined ? 'private' : visibility,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      editMode: random.chance(0.8) ? 'live' : 'locked',
      mergeRules: { type: 'inherit' },
      urls: {
        location: `${API_ORIGIN}/v1/spaces/${id}`,
        app: `${APP_ORIGIN}/o/${organizationId}/s/${id}/`,
        ...(visibility === 'public'
          ? { published: `https://docs.gitbook.example/${id}/`, public: `https://docs.gitbook.example/${id}/` }
          : {}),
      },
      organization: organizationId,
      ...(parent === undefined ? {} : { parent }),
      revision: entityId(random),
      defaultLevel: defaultLevel(random),
      comments: random.int(20),
      changeRequests: open + draft + random.int(40),
      changeRequestsOpen: open,
      changeRequestsDraft: draft,
      permissions: {
        view: true,
        access: true,
        admin: true,
        viewInviteLinks: true,
        edit: true,
        triggerGitSync: true,
        comment: true,
        merge: true,
        review: true,
        installIntegration: true,
      },
    });
  }
  return spaces;
}

/** admin and create are rare; read, comment and guests common. */
function randomRole(random: Random): MemberRoleOrGuest {
  const draw = random.next();
  const weights: ReadonlyArray<[MemberRoleOrGuest, number]> = [
    ['admin', 0.06],
    ['create', 0.16],
    ['edit', 0.3],
    ['review', 0.4],
    ['comment', 0.55],
    ['read', 0.85],
  ];
  return weights.find(([, upTo]) => draw < upTo)?.[0] ?? null;
}

function defaultLevel(random: Random): DefaultLevel {
  const draw = random.int(MEMBER_ROLES.length + 2);
  return draw < MEMBER_ROLES.length
    ? (MEMBER_ROLES[draw] as MemberRole)
    : draw === MEMBER_ROLES.length
      ? null
      : 'inherit';
}

function ordinary(random: Random): SeedProfile {
  return { firstName: random.pick(FIRST_NAMES), lastName: random.pick(LAST_NAMES), title: null };
}

/** First and last name as GitBook shows them; missing parts are left out (both missing: an empty name). */
const displayName = (profile: SeedProfile): string =>
  [profile.firstName, profile.lastName].filter((part) => part !== null).join(' ');

function memberEmail(random: Random, index: number): string {
  const local = index < AWKWARD_EMAIL_LOCALS.length ? AWKWARD_EMAIL_LOCALS[index]! : random.pick(HANDLES);
  return `${local}.${index}@${random.pick(DOMAINS)}`;
}
