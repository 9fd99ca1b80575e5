/**
 * Inviting people by email (they become members at once) and joining with an invite link.
 * With `sso`, people who belong to another organization are still added, but not as SSO
 * users, and their emails come back in `failedSSOEmails`.
 */
import type { InviteUsersToOrganization, InviteUsersToOrganizationResponse } from '@rollcall/gitbook-fetch';
import { EMAIL_PATTERN, normalizeEmail } from '../../core/email.js';
import { RuleError } from '../../core/rule-error.js';
import { OTHER_ORGANIZATION_DOMAIN } from '../state/gitbook-state.js';
import { type GitBookContext, requireInviteLink, requireUser } from './gitbook-context.js';
import { addMembership, createUser } from './members.js';

const belongsToOtherOrganization = (email: string): boolean =>
  normalizeEmail(email).endsWith(`@${OTHER_ORGANIZATION_DOMAIN}`);

export function inviteUsers(
  context: GitBookContext,
  request: InviteUsersToOrganization,
): InviteUsersToOrganizationResponse {
  const defaultRole = 'role' in request ? (request.role ?? null) : context.defaultInviteRole;
  const invitations = request.emails.map((entry) =>
    typeof entry === 'string'
      ? { email: entry.trim(), role: defaultRole }
      : { email: entry.email.trim(), role: entry.role },
  );
  const invalid = invitations.flatMap(({ email }, index) =>
    EMAIL_PATTERN.test(email) ? [] : [`emails.${index}: ${JSON.stringify(email)} is not an email address`],
  );
  if (invalid.length > 0) throw RuleError.rejected('VALIDATION_ERROR', invalid.join('; '));

  const sso = request.sso === true;
  const users: string[] = [];
  const failedSSOEmails: string[] = [];
  const seen = new Set<string>();
  for (const { email, role } of invitations) {
    if (seen.has(normalizeEmail(email))) continue;
    seen.add(normalizeEmail(email));
    const user = context.state.users.withEmail(email) ?? createUser(context, email);
    if (context.state.members.get(user.id)) continue;
    const ssoRefused = sso && belongsToOtherOrganization(email);
    if (ssoRefused) failedSSOEmails.push(email);
    addMembership(context, user, { role, sso: sso && !ssoRefused });
    users.push(user.id);
  }
  return { users, invited: users.length, ...(sso ? { failedSSOEmails } : {}) };
}

/** `userId` joins with the link's role (a space or collection link makes them a guest); members stay as they are. */
export function joinWithInvite(context: GitBookContext, userId: string, inviteId: string): void {
  const link = requireInviteLink(context, inviteId);
  const user = requireUser(context, userId);
  if (context.state.members.get(user.id)) return;
  addMembership(context, user, { role: link.kind === 'organization' ? link.role : null });
}
