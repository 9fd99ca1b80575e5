/**
 * GitBook's part of the control API: tokens for the admin or for newcomers, member changes
 * mid-run (e.g. between pages), and read access to everything seeded. Typed functions for
 * `sandbox.control.gitbook`, and their HTTP routes under `/_sandbox/gitbook`.
 */
import type {
  Collection,
  MemberRoleOrGuest,
  OrganizationInviteLink,
  OrganizationMember,
  Space,
} from '@rollcall/gitbook-fetch';
import { Schema } from 'effect';
import type { ControlRoute } from '../core/control/control-route.js';
import { decodeInput } from '../core/control/decode-input.js';
import { DateTimeInput, EmailInput } from '../core/control/input-schemas.js';
import { controlRuleErrors } from '../core/rule-error.js';
import { type GitBookContext, requireUser } from './domain/gitbook-context.js';
import { addMember, changeMember, createUser, type MemberChanges, removeMember } from './domain/members.js';
import { MEMBER_ROLES } from './model.js';
import type { TokenStore } from './tokens.js';
import { inviteLinkViewIn, memberViewIn } from './views.js';

/** What `sandbox.gitbook` says besides the URL and token, for clients of the HTTP control API. */
export interface GitBookOrganizationInfo {
  readonly organizationId: string;
  /** An organization that exists but that no token may access (403). */
  readonly otherOrganizationId: string;
  /** The admin `sandbox.gitbook.token` belongs to. */
  readonly userId: string;
}

/** Member fields the control API may set; `lastSeenAt` null for never seen. */
export interface MemberPatch {
  /** A role, or null for a guest. */
  readonly role?: MemberRoleOrGuest;
  readonly disabled?: boolean;
  readonly sso?: boolean;
  /** ISO-8601 date-time, or null for never seen. */
  readonly lastSeenAt?: string | null;
  readonly email?: string;
  readonly displayName?: string;
}

/** A member to add, joined now (virtual clock): role `read`, enabled, not SSO, never seen unless told. */
export interface AddMemberInput extends MemberPatch {
  readonly email: string;
}

/** A user outside the organization; default email `outsider.N@example.org`, name its local part. */
export interface GitBookUserInput {
  readonly email?: string;
  readonly displayName?: string;
}

export interface GitBookControl {
  organization(): GitBookOrganizationInfo;
  /** A new Bearer token for `userId` (default: the organization's admin, like `sandbox.gitbook.token`). */
  issueToken(userId?: string): string;
  /** A user who belongs to no organization, with a token: 403 on the organization until they join with an invite. */
  addUser(input?: GitBookUserInput): { readonly userId: string; readonly token: string };
  /** Adds a member (the user with that email, or a new one). 409 if they are a member already. */
  addMember(input: AddMemberInput): OrganizationMember;
  /** The admin's role and `disabled` cannot change (409). */
  updateMember(memberId: string, patch: MemberPatch): OrganizationMember;
  /** Ends a membership (not the admin's: 409); the user remains. */
  removeMember(memberId: string): void;
  /** Every member, in list order (by id). */
  members(): ReadonlyArray<OrganizationMember>;
  /** Every invite link, in list order (by id). */
  inviteLinks(): ReadonlyArray<OrganizationInviteLink>;
  /** The organization's spaces, for space invites. */
  spaces(): ReadonlyArray<Space>;
  /** The organization's collections, for collection invites. */
  collections(): ReadonlyArray<Collection>;
}

const Role = Schema.NullOr(Schema.Literal(...MEMBER_ROLES));
const patchFields = {
  role: Schema.optional(Role),
  disabled: Schema.optional(Schema.Boolean),
  sso: Schema.optional(Schema.Boolean),
  lastSeenAt: Schema.optional(Schema.NullOr(DateTimeInput)),
  displayName: Schema.optional(Schema.String),
};
const MemberPatchSchema: Schema.Schema<MemberPatch> = Schema.Struct({
  ...patchFields,
  email: Schema.optional(EmailInput),
});
const AddMemberSchema: Schema.Schema<AddMemberInput> = Schema.Struct({ ...patchFields, email: EmailInput });
const AddUserSchema: Schema.Schema<GitBookUserInput> = Schema.Struct({
  email: Schema.optional(EmailInput),
  displayName: Schema.optional(Schema.String),
});
const TokenRequest = Schema.Struct({ userId: Schema.optional(Schema.String) });

const changesOf = ({ lastSeenAt, ...rest }: MemberPatch): MemberChanges => ({
  ...rest,
  ...(lastSeenAt === undefined ? {} : { lastSeenAt: lastSeenAt === null ? null : Date.parse(lastSeenAt) }),
});

export function makeGitBookControl(context: GitBookContext, tokens: TokenStore): GitBookControl {
  const { state } = context;
  const memberView = memberViewIn(state);
  let outsiders = 0;
  const freeOutsiderEmail = (): string => {
    let email: string;
    do email = `outsider.${++outsiders}@example.org`;
    while (state.users.withEmail(email));
    return email;
  };
  return {
    organization: () => ({
      organizationId: state.organizationId,
      otherOrganizationId: state.otherOrganizationId,
      userId: state.adminUserId,
    }),
    issueToken: (userId = state.adminUserId) => controlRuleErrors(() => tokens.issue(requireUser(context, userId).id)),
    addUser: (input = {}) =>
      controlRuleErrors(() => {
        const { email, displayName } = decodeInput(AddUserSchema, input, 'user');
        const user = createUser(context, email ?? freeOutsiderEmail(), displayName);
        return { userId: user.id, token: tokens.issue(user.id) };
      }),
    addMember: (input) =>
      controlRuleErrors(() => {
        const { email, ...rest } = decodeInput(AddMemberSchema, input, 'member');
        return memberView(addMember(context, { ...changesOf(rest), email }));
      }),
    updateMember: (memberId, patch) =>
      controlRuleErrors(() =>
        memberView(changeMember(context, memberId, changesOf(decodeInput(MemberPatchSchema, patch, 'member patch')))),
      ),
    removeMember: (memberId) => controlRuleErrors(() => removeMember(context, memberId)),
    members: () => state.members.all().map(memberView),
    inviteLinks: () => state.inviteLinks.all().map(inviteLinkViewIn(state)),
    spaces: () => [...state.spaces.values()],
    collections: () => [...state.collections.values()],
  };
}

export function gitBookControlRoutes(control: GitBookControl): ReadonlyArray<ControlRoute> {
  return [
    { method: 'GET', path: '/gitbook', handle: () => control.organization() },
    {
      method: 'POST',
      path: '/gitbook/tokens',
      handle: ({ body }) => ({
        token: control.issueToken(decodeInput(TokenRequest, body ?? {}, 'token request').userId),
      }),
    },
    { method: 'POST', path: '/gitbook/users', handle: ({ body }) => control.addUser((body ?? {}) as GitBookUserInput) },
    { method: 'GET', path: '/gitbook/members', handle: () => control.members() },
    { method: 'POST', path: '/gitbook/members', handle: ({ body }) => control.addMember(body as AddMemberInput) },
    {
      method: 'PATCH',
      path: '/gitbook/members/{id}',
      handle: ({ params, body }) => control.updateMember(params.id!, (body ?? {}) as MemberPatch),
    },
    { method: 'DELETE', path: '/gitbook/members/{id}', handle: ({ params }) => control.removeMember(params.id!) },
    { method: 'GET', path: '/gitbook/invite-links', handle: () => control.inviteLinks() },
    { method: 'GET', path: '/gitbook/spaces', handle: () => control.spaces() },
    { method: 'GET', path: '/gitbook/collections', handle: () => control.collections() },
  ];
}
