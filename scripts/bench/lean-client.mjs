// @ts-check
/**
 * The throughput bench's lean client: the least a Node program does to read what `rollcall
 * export` reads. It makes the same requests (every page of users and enrollments, roles,
 * workspaces, and each workspace's roles and memberships), up to 16 in flight, with the machine's
 * `fetch`, and only `JSON.parse`s each answer: no validation, no rows, no files. Its time, spawn
 * to exit in a fresh process like the CLI's, is what this machine allows any Node client; it
 * prints `{"requests": N, "items": N}`. The sandbox's URL and token come from the environment
 * (LEAN_BASE_URL, LEAN_TOKEN), never from argv.
 */
const CEILING = 16;
const PAGE_SIZE = 100;
const STATUSES = ['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED'];

const baseUrl = process.env.LEAN_BASE_URL;
const token = process.env.LEAN_TOKEN;
if (!baseUrl || !token) throw new Error('lean-client: LEAN_BASE_URL and LEAN_TOKEN must be set');
const init = { headers: { Authorization: token } };

let requests = 0;
let items = 0;
/** @param {string} path */
const get = async (path) => {
  const response = await fetch(`${baseUrl}${path}`, init);
  if (!response.ok) throw new Error(`lean-client: ${path} answered HTTP ${response.status}`);
  const body = JSON.parse(await response.text());
  requests++;
  items += Array.isArray(body) ? body.length : (body.content?.length ?? 0);
  return body;
};

const usersPage = (/** @type {number} */ page) => `/organizations/users?page=${page}&size=${PAGE_SIZE}`;
const enrollmentsPage = (/** @type {number} */ page) =>
  `/organizations/enrollments?${STATUSES.map((status) => `status=${status}`).join('&')}&page=${page}&size=${PAGE_SIZE}`;

// The first pages and the workspaces say what else there is to read.
const [firstUsers, firstEnrollments, workspaces] = await Promise.all([
  get(usersPage(0)),
  get(enrollmentsPage(0)),
  get('/organizations/workspaces'),
]);
/** @type {Array<string>} */
const paths = ['/organizations/roles'];
for (let page = 1; page < firstUsers.totalPages; page++) paths.push(usersPage(page));
for (let page = 1; page < firstEnrollments.totalPages; page++) paths.push(enrollmentsPage(page));
for (const workspace of workspaces) {
  paths.push(
    `/organizations/workspaces/${workspace.id}/roles`,
    `/organizations/workspaces/${workspace.id}/memberships`,
  );
}

let next = 0;
await Promise.all(
  Array.from({ length: CEILING }, async () => {
    while (next < paths.length) await get(/** @type {string} */ (paths[next++]));
  }),
);
process.stdout.write(`${JSON.stringify({ requests, items })}\n`);
