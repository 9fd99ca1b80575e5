/**
 * Seeded TransactionLink data: the same settings give the same records, byte for byte.
 * Everything is generated in one pass in list order (users by creation time, enrollments by
 * creation), so indexes are built by appending: 200 000 users start in well under seconds.
 */
import { makeRandom, type Random } from '../../core/random.js';
import { AWKWARD_EMAIL_LOCALS, AWKWARD_PROFILES, type SeedProfile } from '../../seed-data/awkward-profiles.js';
import {
  DOMAINS,
  FIRST_NAMES,
  HANDLES,
  LAST_NAMES,
  TITLES,
  WORKSPACE_NAMES,
  WORKSPACE_ROLE_NAMES,
} from '../../seed-data/names.js';
import {
  ENROLLMENT_STATUSES,
  type EnrollmentStatus,
  type OrganizationRole,
  type UserRecord,
  type Workspace,
  type WorkspaceAssignment,
  type WorkspaceRole,
} from '../model.js';
import { EnrollmentBook } from '../state/enrollment-book.js';
import { isPrivileged, type TransactionLinkState } from '../state/transactionlink-state.js';
import { UserDirectory } from '../state/user-directory.js';
import { WorkspaceDirectory } from '../state/workspace-directory.js';

export interface SeedSettings {
  readonly seed: string | number;
  readonly users: number;
  readonly enrollments: number;
  readonly workspaces: number;
  /** Virtual now, epoch ms: every seeded time lies before it. */
  readonly now: number;
  readonly enrollmentTtlMs: number;
}

const DAY = 86_400_000;
/** Seeded users and workspaces were created between this time and a day before now. */
const HISTORY_START = Date.UTC(2019, 0, 7, 8, 30);

export function generateState(settings: SeedSettings): TransactionLinkState {
  const random = makeRandom(settings.seed, 'transactionlink-data');
  const organizationId = random.uuid();
  const roles: OrganizationRole[] = (['owner', 'admin', 'member'] as const).map((name) => ({
    id: random.uuid(),
    name,
  }));
  const [owner, admin, member] = roles as [OrganizationRole, OrganizationRole, OrganizationRole];

  const { workspaces, workspaceRoles } = generateWorkspaces(random, settings);
  const directory = new WorkspaceDirectory(workspaces, workspaceRoles);
  const roleById = new Map(roles.map((role) => [role.id, role]));
  const users = new UserDirectory((roleId) => isPrivileged(roleById.get(roleId)));

  const end = Math.max(HISTORY_START + 1, settings.now - DAY);
  const gap = (end - HISTORY_START) / Math.max(1, settings.users);
  const awkwardOffset = random.int(AWKWARD_PROFILES.length);
  const emails: string[] = [];
  // Any seed with two or more users has a terminated one among its first eleven.
  const surelyTerminated = 1 + random.int(Math.max(1, Math.min(settings.users - 1, 10)));
  for (let i = 0; i < settings.users; i++) {
    // Strictly increasing (gap >> 2 ms), so generation order is list order.
    const createdAt = HISTORY_START + Math.floor(i * gap + random.next() * (gap / 2));
    const roleDraw = random.next();
    const role = i === 0 || roleDraw < 0.002 ? owner : roleDraw < 0.03 ? admin : member;
    const status = i > 0 && (random.chance(0.07) || i === surelyTerminated) ? 'TERMINATED' : 'ACTIVE';
    const profile =
      i < AWKWARD_PROFILES.length ? AWKWARD_PROFILES[(i + awkwardOffset) % AWKWARD_PROFILES.length]! : ordinary(random);
    const email = userEmail(random, i);
    emails.push(email);
    const user: UserRecord = {
      id: random.uuid(),
      email,
      idpId: random.chance(0.2) ? null : random.uuid(),
      roleId: role.id,
      firstName: profile.firstName,
      lastName: profile.lastName,
      title: profile.title,
      status,
      createdAt,
      lastLoginAt: random.chance(0.12) ? null : createdAt + Math.floor(random.next() * (settings.now - createdAt)),
    };
    users.add(user);
    assignWorkspaces(random, directory, user.id);
  }

  const enrollments = new EnrollmentBook();
  const ttl = settings.enrollmentTtlMs;
  for (let j = 0; j < settings.enrollments; j++) {
    const status: EnrollmentStatus =
      j < ENROLLMENT_STATUSES.length ? ENROLLMENT_STATUSES[j]! : enrollmentStatus(random);
    const profile = ordinary(random);
    enrollments.add({
      id: random.uuid(),
      email: status === 'ACCEPTED' && emails.length > 0 ? emails[random.int(emails.length)]! : inviteeEmail(random, j),
      status,
      lastInvitationSentAt: invitationTime(random, status, settings.now, ttl),
      roleId: random.chance(0.05) ? admin.id : member.id,
      ...profile,
      workspaceAssignments: randomAssignments(random, directory),
    });
  }

  return { organizationId, roles, users, enrollments, workspaces: directory };
}

function generateWorkspaces(random: Random, settings: SeedSettings) {
  const workspaces: Workspace[] = [];
  const workspaceRoles: WorkspaceRole[] = [];
  for (let w = 0; w < settings.workspaces; w++) {
    const base = WORKSPACE_NAMES[w % WORKSPACE_NAMES.length]!;
    const round = Math.floor(w / WORKSPACE_NAMES.length);
    const createdAt = HISTORY_START + w * 30 * DAY + random.int(DAY);
    const workspace: Workspace = {
      id: random.uuid(),
      name: round === 0 ? base : `${base} ${round + 1}`,
      // Older-style SANDBOX workspaces sit among the LIVE ones (any two workspaces include one).
      workspaceType: w % 3 === 1 ? 'SANDBOX' : 'LIVE',
      createdAt,
    };
    workspaces.push(workspace);
    for (const name of WORKSPACE_ROLE_NAMES) {
      workspaceRoles.push({ id: random.uuid(), workspaceId: workspace.id, name, type: 'WORKSPACE', createdAt });
    }
  }
  return { workspaces, workspaceRoles };
}

/** 0, 1 or 2 workspaces for a user, mostly with a non-admin role. */
function assignWorkspaces(random: Random, directory: WorkspaceDirectory, userId: string): void {
  const count = directory.workspaces.length === 0 ? 0 : [0, 0, 1, 1, 2][random.int(5)]!;
  for (let k = 0; k < count; k++) {
    const workspace = random.pick(directory.workspaces);
    const roles = directory.roles(workspace.id);
    const role = random.chance(0.1) ? roles[0]! : roles[1 + random.int(roles.length - 1)]!;
    directory.setMembership(workspace.id, userId, role.id);
  }
}

function randomAssignments(random: Random, directory: WorkspaceDirectory): WorkspaceAssignment[] {
  if (directory.workspaces.length === 0 || random.chance(0.5)) return [];
  const workspace = random.pick(directory.workspaces);
  return [{ workspaceId: workspace.id, roleId: random.pick(directory.roles(workspace.id)).id }];
}

function ordinary(random: Random): SeedProfile {
  return {
    firstName: random.chance(0.03) ? null : random.pick(FIRST_NAMES),
    lastName: random.chance(0.03) ? null : random.pick(LAST_NAMES),
    title: random.chance(0.15) ? null : random.pick(TITLES),
  };
}

function userEmail(random: Random, index: number): string {
  const local = index < AWKWARD_EMAIL_LOCALS.length ? AWKWARD_EMAIL_LOCALS[index]! : random.pick(HANDLES);
  const domain = random.pick(DOMAINS);
  return `${local}.${index}@${index % 97 === 3 ? domain.toUpperCase() : domain}`;
}

const inviteeEmail = (random: Random, index: number): string => `invitee.${index}@${random.pick(DOMAINS)}`;

function enrollmentStatus(random: Random): EnrollmentStatus {
  const draw = random.next();
  return draw < 0.35 ? 'PENDING' : draw < 0.7 ? 'ACCEPTED' : draw < 0.85 ? 'EXPIRED' : 'CANCELLED';
}

/** PENDING: within the TTL; EXPIRED: past it; others: any time, sometimes unknown. */
function invitationTime(random: Random, status: EnrollmentStatus, now: number, ttl: number): number | null {
  switch (status) {
    case 'PENDING':
      return now - Math.floor(random.next() * (ttl - 1));
    case 'EXPIRED':
      return now - ttl - Math.floor(random.next() * 180 * DAY);
    default:
      return random.chance(0.1) ? null : HISTORY_START + Math.floor(random.next() * (now - DAY - HISTORY_START));
  }
}
