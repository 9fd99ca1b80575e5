import type { MemberRoleFilter } from '@rollcall/gitbook-fetch';
import { json } from '../../core/api-response.js';
import type { GitBookContext } from '../domain/gitbook-context.js';
import type { MemberRecord } from '../model.js';
import type { Cursors } from '../paging.js';
import { memberViewIn } from '../views.js';
import { type Handler, withAccess } from './handler.js';

/**
 * Members by id. `role` (a role or `guest`) and `search` (in display name and email, any case)
 * filter the list; `sort` and `order` are accepted but the order is always by id, so cursors
 * stay valid whatever changes between pages.
 */
export function memberOperations(context: GitBookContext, cursors: Cursors): Record<string, Handler> {
  const { state } = context;
  return {
    listMembersInOrganizationById: withAccess(context, 'read', ({ query }) => {
      const limit = cursors.limit(query);
      const after = cursors.after('members', query);
      const page = state.members.page(after, limit, memberFilter(context, query));
      return json(200, cursors.body('members', page, memberViewIn(state)));
    }),
  };
}

function memberFilter(
  context: GitBookContext,
  query: Readonly<Record<string, unknown>>,
): ((member: MemberRecord) => boolean) | undefined {
  const role = query.role as MemberRoleFilter | undefined;
  const search = (query.search as string | undefined)?.trim().toLowerCase();
  if (role === undefined && !search) return undefined;
  const wanted = role === 'guest' ? null : role;
  return (member) => {
    if (role !== undefined && member.role !== wanted) return false;
    if (!search) return true;
    const user = context.state.users.get(member.id)!;
    return user.displayName.toLowerCase().includes(search) || user.email.toLowerCase().includes(search);
  };
}
