/** Organization token scopes, and which an operation needs (read from its spec description). */
import type { Operation } from '../core/openapi/operations.js';

/** A permission an organization token may carry. */
export type Scope = 'can_manage_users' | 'can_view_workspace' | 'can_reset_2fa' | 'can_manage_workspace_access';

export const ALL_SCOPES: ReadonlyArray<Scope> = [
  'can_manage_users',
  'can_view_workspace',
  'can_reset_2fa',
  'can_manage_workspace_access',
];

export const isScope = (value: unknown): value is Scope => ALL_SCOPES.includes(value as Scope);

/**
 * The scopes the spec's description demands ("Requires `can_manage_users` permission").
 * The workspace list says "Filters results to … `can_view_workspace`" instead: it needs no
 * scope and filters.
 */
export function requiredScopes(operation: Operation): ReadonlyArray<Scope> {
  return [...operation.description.matchAll(/Requires `([a-z0-9_]+)` permission/g)]
    .map((match) => match[1])
    .filter(isScope);
}
