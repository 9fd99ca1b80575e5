/**
 * TransactionLink's part of the control API: tokens, enrollment acceptance and expiry, and
 * directory changes mid-run (to test page drift). Typed functions for `sandbox.control`, and
 * their HTTP routes under `/_sandbox`.
 */
import type { EnrollmentResponse, UserResponse, WorkspaceMembershipResponse } from '@rollcall/transactionlink-fetch';
import { Schema } from 'effect';
import type { ControlRoute } from '../core/control/control-route.js';
import { decodeInput } from '../core/control/decode-input.js';
import { DateTimeInput, EmailInput } from '../core/control/input-schemas.js';
import { controlRuleErrors } from '../core/rule-error.js';
import { accept, expire } from './domain/enrollment-lifecycle.js';
import { removeMembership, setMembership } from './domain/memberships.js';
import type { OrganizationContext } from './domain/organization-context.js';
import { addUser, changeUser, removeUser, type UserChanges } from './domain/user-lifecycle.js';
import { ALL_SCOPES, type Scope } from './scopes.js';
import type { TokenOptions, TokenStore } from './tokens.js';
import { enrollmentView, membershipView, userView } from './views.js';

/** Fields of a user the control API may set; profile fields and `idpId` accept null. */
export interface UserPatch {
  readonly email?: string;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly title?: string | null;
  readonly roleId?: string;
  readonly status?: 'ACTIVE' | 'TERMINATED';
  readonly idpId?: string | null;
  /** ISO-8601 date-time, or null for never. */
  readonly lastLoginDateTime?: string | null;
}

/** A user to create (now, on the virtual clock): an ACTIVE member unless told otherwise. */
export interface AddUserInput extends UserPatch {
  readonly email: string;
}

export interface TransactionLinkControl {
  /** A new token with exactly these scopes (`can_view_workspace` optionally limited to some workspaces). */
  issueToken(scopes: ReadonlyArray<Scope>, options?: TokenOptions): string;
  /** PENDING → ACCEPTED; creates the ACTIVE user with the enrollment's role, profile and workspace assignments. */
  acceptEnrollment(enrollmentId: string): { readonly enrollment: EnrollmentResponse; readonly user: UserResponse };
  /** PENDING → EXPIRED now, whatever the TTL. */
  expireEnrollment(enrollmentId: string): EnrollmentResponse;
  addUser(input: AddUserInput): UserResponse;
  updateUser(userId: string, patch: UserPatch): UserResponse;
  /** Removes the user and their workspace memberships. */
  removeUser(userId: string): void;
  /** Adds or changes an explicit membership. */
  setMembership(workspaceId: string, userId: string, roleId: string): WorkspaceMembershipResponse;
  removeMembership(workspaceId: string, userId: string): void;
}

const Uuid = Schema.String.pipe(
  Schema.pattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: () => 'must be a UUID',
  }),
);
const patchFields = {
  firstName: Schema.optional(Schema.NullOr(Schema.String)),
  lastName: Schema.optional(Schema.NullOr(Schema.String)),
  title: Schema.optional(Schema.NullOr(Schema.String)),
  roleId: Schema.optional(Uuid),
  status: Schema.optional(Schema.Literal('ACTIVE', 'TERMINATED')),
  idpId: Schema.optional(Schema.NullOr(Uuid)),
  lastLoginDateTime: Schema.optional(Schema.NullOr(DateTimeInput)),
};
const UserPatchSchema: Schema.Schema<UserPatch> = Schema.Struct({ ...patchFields, email: Schema.optional(EmailInput) });
const AddUserInputSchema: Schema.Schema<AddUserInput> = Schema.Struct({ ...patchFields, email: EmailInput });
const TokenRequest = Schema.Struct({
  scopes: Schema.Array(Schema.Literal(...ALL_SCOPES)),
  workspaceIds: Schema.optional(Schema.Array(Uuid)),
});
const MembershipRequest = Schema.Struct({ roleId: Uuid });

const changesOf = ({ lastLoginDateTime, ...rest }: UserPatch): UserChanges => ({
  ...rest,
  ...(lastLoginDateTime === undefined
    ? {}
    : { lastLoginAt: lastLoginDateTime === null ? null : Date.parse(lastLoginDateTime) }),
});

export function makeTransactionLinkControl(context: OrganizationContext, tokens: TokenStore): TransactionLinkControl {
  return {
    issueToken: (scopes, options) => {
      const request = decodeInput(TokenRequest, { scopes, ...options }, 'token request');
      return tokens.issue(request.scopes, request);
    },
    acceptEnrollment: (enrollmentId) =>
      controlRuleErrors(() => {
        const { enrollment, user } = accept(context, enrollmentId);
        return { enrollment: enrollmentView(enrollment), user: userView(user) };
      }),
    expireEnrollment: (enrollmentId) => controlRuleErrors(() => enrollmentView(expire(context, enrollmentId))),
    addUser: (input) =>
      controlRuleErrors(() => {
        const { email, ...rest } = decodeInput(AddUserInputSchema, input, 'user');
        return userView(addUser(context, { ...changesOf(rest), email }));
      }),
    updateUser: (userId, patch) =>
      controlRuleErrors(() =>
        userView(changeUser(context, userId, changesOf(decodeInput(UserPatchSchema, patch, 'user patch')))),
      ),
    removeUser: (userId) => controlRuleErrors(() => void removeUser(context, userId)),
    setMembership: (workspaceId, userId, roleId) =>
      controlRuleErrors(() => {
        decodeInput(MembershipRequest, { roleId }, 'membership');
        return membershipView(setMembership(context, workspaceId, userId, roleId));
      }),
    removeMembership: (workspaceId, userId) => controlRuleErrors(() => removeMembership(context, workspaceId, userId)),
  };
}

export function transactionLinkControlRoutes(control: TransactionLinkControl): ReadonlyArray<ControlRoute> {
  const field = (body: unknown, name: string): unknown =>
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return [
    {
      method: 'POST',
      path: '/tokens',
      handle: ({ body }) => {
        const request = decodeInput(TokenRequest, body, 'token request');
        return { token: control.issueToken(request.scopes, request) };
      },
    },
    {
      method: 'POST',
      path: '/enrollments/{id}/accept',
      handle: ({ params }) => control.acceptEnrollment(params.id!),
    },
    {
      method: 'POST',
      path: '/enrollments/{id}/expire',
      handle: ({ params }) => control.expireEnrollment(params.id!),
    },
    { method: 'POST', path: '/users', handle: ({ body }) => control.addUser(body as AddUserInput) },
    {
      method: 'PATCH',
      path: '/users/{id}',
      handle: ({ params, body }) => control.updateUser(params.id!, (body ?? {}) as UserPatch),
    },
    { method: 'DELETE', path: '/users/{id}', handle: ({ params }) => control.removeUser(params.id!) },
    {
      method: 'PUT',
      path: '/workspaces/{workspaceId}/memberships/{userId}',
      handle: ({ params, body }) =>
        control.setMembership(params.workspaceId!, params.userId!, field(body, 'roleId') as string),
    },
    {
      method: 'DELETE',
      path: '/workspaces/{workspaceId}/memberships/{userId}',
      handle: ({ params }) => control.removeMembership(params.workspaceId!, params.userId!),
    },
  ];
}
