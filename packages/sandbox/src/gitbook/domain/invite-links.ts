/**
 * Invite links: to the organization (with a `role`), or to one of its spaces or collections
 * (with a `level`). The spec's `oneOf` bodies are checked here for exactly one match, which
 * schema validation alone (any of) does not do.
 */
import type { CreateOrganizationInvite, MemberRoleOrGuest } from '@rollcall/gitbook-fetch';
import { RuleError } from '../../core/rule-error.js';
import { entityId } from '../ids.js';
import type { InviteLinkRecord } from '../model.js';
import { type GitBookContext, requireInviteLink } from './gitbook-context.js';

export function createInviteLink(context: GitBookContext, request: CreateOrganizationInvite): InviteLinkRecord {
  const targets = (['role', 'space', 'collection'] as const).filter((key) => key in request);
  if (targets.length !== 1) {
    throw RuleError.rejected(
      'VALIDATION_ERROR',
      'Give exactly one of `role` (an organization invite), `space` or `collection` (with a `level`)',
    );
  }
  const id = entityId(context.ids);
  let link: InviteLinkRecord;
  if ('space' in request) {
    if (!context.state.spaces.has(request.space)) {
      throw RuleError.notFound('SPACE_NOT_FOUND', `Space ${request.space} does not exist in the organization`);
    }
    link = { kind: 'space', id, level: request.level, redundant: false, targetId: request.space };
  } else if ('collection' in request) {
    if (!context.state.collections.has(request.collection)) {
      throw RuleError.notFound(
        'COLLECTION_NOT_FOUND',
        `Collection ${request.collection} does not exist in the organization`,
      );
    }
    link = { kind: 'collection', id, level: request.level, redundant: false, targetId: request.collection };
  } else {
    link = { kind: 'organization', id, role: request.role, redundant: false };
  }
  context.state.inviteLinks.add(link);
  return link;
}

export type InviteLinkUpdate = { readonly role: MemberRoleOrGuest } | { readonly level: MemberRoleOrGuest };

/** An organization invite takes a new `role`; a space or collection invite a new `level`. */
export function updateInviteLink(
  context: GitBookContext,
  inviteId: string,
  update: InviteLinkUpdate,
): InviteLinkRecord {
  const link = requireInviteLink(context, inviteId);
  if ('role' in update && 'level' in update) {
    throw RuleError.rejected('VALIDATION_ERROR', 'Give either `role` or `level`, not both');
  }
  if (link.kind === 'organization') {
    if (!('role' in update)) {
      throw RuleError.rejected('VALIDATION_ERROR', 'An organization invite has a `role`, not a `level`');
    }
    link.role = update.role;
  } else {
    if (!('level' in update)) {
      throw RuleError.rejected('VALIDATION_ERROR', `A ${link.kind} invite has a \`level\`, not a \`role\``);
    }
    link.level = update.level;
  }
  return link;
}

/** Whether there was such a link to delete. */
export const deleteInviteLink = (context: GitBookContext, inviteId: string): boolean =>
  context.state.inviteLinks.remove(inviteId) !== undefined;
