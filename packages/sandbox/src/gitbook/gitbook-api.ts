/**
 * GitBook's organization invites and members API as a sandbox module, mounted where the spec's
 * server URL says (`/v1`): seeded state, the spec's 8 operations, Bearer tokens, GitBook's error
 * body and `X-RateLimit-*` headers, and its control routes.
 */
import type { MemberRoleOrGuest } from '@rollcall/gitbook-fetch';
import { accessReviewPlan } from '../access-review/access-review-plan.js';
import { type ApiModule, defineApiModule } from '../core/api-module.js';
import type { VirtualClock } from '../core/clock.js';
import { type OpenApiDocument, serverBasePath } from '../core/openapi/document.js';
import { makeRandom } from '../core/random.js';
import { answeringRuleErrors } from '../core/rule-error.js';
import { makeAuthorizer } from './authorize.js';
import { type GitBookControl, gitBookControlRoutes, makeGitBookControl } from './control.js';
import type { GitBookContext } from './domain/gitbook-context.js';
import { gitBookErrorBody } from './error-body.js';
import { inviteOperations } from './operations/invite-operations.js';
import { memberOperations } from './operations/member-operations.js';
import { Cursors } from './paging.js';
import { gitBookRateLimitReporting } from './rate-limit-headers.js';
import { accessReviewGitBookState } from './seed/access-review-state.js';
import { generateGitBookState } from './seed/generate-state.js';
import { gitBookSpec } from './spec.js';
import { TokenStore } from './tokens.js';

export interface GitBookSettings {
  readonly seed: string | number;
  /** Members, the admin included. */
  readonly members: number;
  readonly inviteLinks: number;
  /** Default: derived from the seed. */
  readonly organizationId: string | undefined;
  /** The `accessReview` scenario instead of the seeded organization. */
  readonly accessReview?: { readonly findings: number } | undefined;
}

export interface GitBookApi {
  readonly module: ApiModule;
  readonly control: GitBookControl;
  /** A Bearer token of the organization's admin. */
  readonly token: string;
  readonly organizationId: string;
  readonly otherOrganizationId: string;
  /** The admin `token` belongs to. */
  readonly userId: string;
}

export function makeGitBookApi(clock: VirtualClock, settings: GitBookSettings): GitBookApi {
  const document = gitBookSpec();
  const state =
    settings.accessReview === undefined
      ? generateGitBookState({ ...settings, now: clock.now() })
      : accessReviewGitBookState(
          accessReviewPlan(settings.accessReview.findings),
          makeRandom(settings.seed, 'gitbook-access-review'),
          clock.now(),
          settings.organizationId,
        );
  const context: GitBookContext = {
    state,
    clock,
    ids: makeRandom(settings.seed, 'gitbook-ids'),
    defaultInviteRole: defaultInviteRole(document),
  };
  const tokens = new TokenStore();
  const cursors = new Cursors(settings.seed);
  const control = makeGitBookControl(context, tokens);
  const handlers = Object.fromEntries(
    Object.entries({ ...memberOperations(context, cursors), ...inviteOperations(context, cursors) }).map(
      ([id, handler]) => [id, answeringRuleErrors(handler)],
    ),
  );

  return {
    module: defineApiModule({
      name: 'gitbook',
      mount: serverBasePath(document),
      document,
      handlers,
      authorize: makeAuthorizer(tokens),
      errorBody: gitBookErrorBody,
      rateLimitReporting: gitBookRateLimitReporting,
      control: gitBookControlRoutes(control),
    }),
    control,
    token: tokens.issue(state.adminUserId),
    organizationId: state.organizationId,
    otherOrganizationId: state.otherOrganizationId,
    userId: state.adminUserId,
  };
}

/** The default of `InviteUsersToOrganization.role` in the spec; `read` while the spec gives none. */
function defaultInviteRole(document: OpenApiDocument): MemberRoleOrGuest {
  const schema = document.components?.schemas?.InviteUsersToOrganization as
    | { properties?: { role?: { default?: MemberRoleOrGuest } } }
    | undefined;
  const fallback: MemberRoleOrGuest = 'read';
  return schema?.properties?.role?.default !== undefined ? schema.properties.role.default : fallback;
}
