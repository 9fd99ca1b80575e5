/** GitBook's organization of the `accessReview` scenario (see access-review-plan.ts). */
import type { AccessReviewPlan } from '../../access-review/access-review-plan.js';
import { CREATED_DAYS_AGO } from '../../access-review/access-review-plan.js';
import type { Random } from '../../core/random.js';
import { entityId, userId } from '../ids.js';
import type { InviteLinkRecord, MemberRecord, UserRecord } from '../model.js';
import type { GitBookState } from '../state/gitbook-state.js';
import { SortedById } from '../state/sorted-by-id.js';
import { UserDirectory } from '../state/user-directory.js';

const DAY = 86_400_000;

export function accessReviewGitBookState(
  plan: AccessReviewPlan,
  random: Random,
  now: number,
  organizationId: string | undefined,
): GitBookState {
  const ago = (days: number) => now - Math.round(days * DAY);
  const users: UserRecord[] = [];
  const members: MemberRecord[] = [];
  plan.people.forEach((person, index) => {
    const planned = person.gitBook;
    if (planned === null) return;
    const id = userId(random);
    users.push({ id, email: planned.email, displayName: planned.email.split('@')[0]!, photoURL: null });
    members.push({
      id,
      role: planned.role,
      disabled: planned.disabled,
      sso: false,
      joinedAt: ago(CREATED_DAYS_AGO) + index * 60_000,
      lastSeenAt: planned.lastSeenDaysAgo === null ? null : ago(planned.lastSeenDaysAgo),
      spaces: 0,
      teams: 0,
      sites: 0,
    });
  });
  const inviteLinks: InviteLinkRecord[] = plan.inviteLinkRoles.map((role) => ({
    kind: 'organization',
    id: entityId(random),
    role,
    redundant: false,
  }));
  return {
    organizationId: organizationId ?? entityId(random),
    otherOrganizationId: entityId(random),
    adminUserId: members[0]!.id,
    users: new UserDirectory(users),
    members: new SortedById(members),
    inviteLinks: new SortedById(inviteLinks),
    spaces: new Map(),
    collections: new Map(),
  };
}
