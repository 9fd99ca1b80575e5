/**
 * The TransactionLink API as a sandbox module: seeded state, the spec's 15 operations, `tot_`
 * tokens with scopes, `ErrorResponse` bodies, its control routes, and enrollment expiry when
 * the virtual clock moves.
 */
import { accessReviewPlan } from '../access-review/access-review-plan.js';
import { type ApiModule, defineApiModule } from '../core/api-module.js';
import type { VirtualClock } from '../core/clock.js';
import { makeRandom } from '../core/random.js';
import { answeringRuleErrors } from '../core/rule-error.js';
import { makeAuthorizer } from './authorize.js';
import { makeTransactionLinkControl, type TransactionLinkControl, transactionLinkControlRoutes } from './control.js';
import { expireDue } from './domain/enrollment-lifecycle.js';
import type { OrganizationContext } from './domain/organization-context.js';
import { makeErrorBody } from './error-body.js';
import { enrollmentOperations } from './operations/enrollment-operations.js';
import type { Handler } from './operations/handler.js';
import { organizationOperations } from './operations/organization-operations.js';
import { userOperations } from './operations/user-operations.js';
import { ALL_SCOPES } from './scopes.js';
import { accessReviewTransactionLinkState } from './seed/access-review-state.js';
import { generateState } from './seed/generate-state.js';
import { transactionLinkSpec } from './spec.js';
import { TokenStore } from './tokens.js';

export interface TransactionLinkSettings {
  readonly seed: string | number;
  readonly users: number;
  readonly enrollments: number;
  readonly workspaces: number;
  readonly enrollmentTtlDays: number;
  readonly maxPageSize: number;
  /** The `accessReview` scenario instead of the seeded organization. */
  readonly accessReview: { readonly findings: number } | undefined;
}

export interface TransactionLinkApi {
  readonly module: ApiModule;
  readonly control: TransactionLinkControl;
  /** A token with every scope. */
  readonly token: string;
}

export function makeTransactionLinkApi(clock: VirtualClock, settings: TransactionLinkSettings): TransactionLinkApi {
  const enrollmentTtlMs = settings.enrollmentTtlDays * 86_400_000;
  const state =
    settings.accessReview === undefined
      ? generateState({ ...settings, now: clock.now(), enrollmentTtlMs })
      : accessReviewTransactionLinkState(
          accessReviewPlan(settings.accessReview.findings),
          makeRandom(settings.seed, 'transactionlink-access-review'),
          clock.now(),
        );
  const context: OrganizationContext = {
    state,
    clock,
    ids: makeRandom(settings.seed, 'transactionlink-ids'),
    enrollmentTtlMs,
  };
  clock.onAdvance(() => expireDue(context));

  const tokens = new TokenStore();
  const control = makeTransactionLinkControl(context, tokens);
  const handlers: Record<string, Handler> = Object.fromEntries(
    Object.entries({
      ...userOperations(context, settings.maxPageSize),
      ...enrollmentOperations(context, settings.maxPageSize),
      ...organizationOperations(context),
    }).map(([id, handler]) => [id, answeringRuleErrors(handler)]),
  );

  return {
    module: defineApiModule({
      name: 'transactionlink',
      mount: '',
      document: transactionLinkSpec(),
      handlers,
      authorize: makeAuthorizer(tokens),
      errorBody: makeErrorBody(makeRandom(settings.seed, 'transactionlink-fingerprints')),
      control: transactionLinkControlRoutes(control),
    }),
    control,
    token: tokens.issue(ALL_SCOPES),
  };
}
