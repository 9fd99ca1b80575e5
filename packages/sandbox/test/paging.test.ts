import type { EnrollmentResponse, UserResponse } from '@rollcall/transactionlink-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { allPages, type BoundSdk, call, sdkFor } from './support/sandbox-client.js';

let sandbox: Sandbox;
let sdk: BoundSdk;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'paging', users: 237, enrollments: 301, maxPageSize: 50 });
  sdk = sdkFor(sandbox);
});
afterAll(() => sandbox.close());

const listedOrder = (a: UserResponse, b: UserResponse) =>
  a.createdDateTime < b.createdDateTime || (a.createdDateTime === b.createdDateTime && a.id < b.id);

describe('Spring-style paging', () => {
  it('defaults to page 0 of size 20', async () => {
    const { data } = await sdk.listUsers({});
    expect(data).toMatchObject({ number: 0, size: 20, totalElements: 237, totalPages: 12 });
    expect(data!.content).toHaveLength(20);
  });

  it('clamps a size above the maximum silently and pages by the clamped size', async () => {
    const { data, response } = await sdk.listUsers({ query: { size: 500, page: 1 } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ number: 1, size: 50, totalElements: 237, totalPages: 5 });
    expect(data!.content).toHaveLength(50);
    const last = await sdk.listUsers({ query: { size: 500, page: 4 } });
    expect(last.data!.content).toHaveLength(37);
  });

  it('answers a page past the end with no content and the true totals', async () => {
    const { data } = await sdk.listUsers({ query: { page: 99 } });
    expect(data).toMatchObject({ content: [], number: 99, totalElements: 237, totalPages: 12 });
  });

  it('lists every user exactly once, in (createdDateTime, id) order, whatever the page size', async () => {
    const bySeven = await allPages((page) => sdk.listUsers({ query: { page, size: 7 } }).then((r) => r.data!));
    const byFifty = await allPages((page) => sdk.listUsers({ query: { page, size: 50 } }).then((r) => r.data!));
    expect(bySeven).toHaveLength(237);
    expect(new Set(bySeven.map((u) => u.id)).size).toBe(237);
    expect(byFifty).toEqual(bySeven);
    for (let i = 1; i < bySeven.length; i++) expect(listedOrder(bySeven[i - 1]!, bySeven[i]!)).toBe(true);
  });

  it('a user added mid-run appears at the end and moves totalElements (page drift)', async () => {
    const before = (await sdk.listUsers({})).data!;
    const added = sandbox.control.addUser({ email: 'late.joiner@example.com', firstName: 'Late' });
    const after = (await sdk.listUsers({ query: { page: 237, size: 1 } })).data!;
    expect(after.totalElements).toBe(before.totalElements! + 1);
    expect(after.content).toEqual([added]);
    sandbox.control.removeUser(added.id);
    expect((await sdk.listUsers({})).data!.totalElements).toBe(before.totalElements);
  });
});

describe('enrollment status filter', () => {
  const everyEnrollment = (statuses?: EnrollmentResponse['status'][]) =>
    allPages((page) =>
      sdk
        .listEnrollments({ query: { page, size: 50, ...(statuses ? { status: statuses } : {}) } })
        .then((r) => r.data!),
    );

  it('defaults to PENDING only', async () => {
    const defaulted = await everyEnrollment();
    expect(defaulted.length).toBeGreaterThan(0);
    expect(defaulted).toEqual(await everyEnrollment(['PENDING']));
  });

  it('accepts a comma-separated list and repeated parameters alike', async () => {
    const comma = await (
      await call(sandbox, '/organizations/enrollments?status=EXPIRED,CANCELLED&size=50&page=1')
    ).text();
    const repeated = await (
      await call(sandbox, '/organizations/enrollments?status=EXPIRED&status=CANCELLED&size=50&page=1')
    ).text();
    const bodyOf = (text: string) => JSON.parse(text) as { content: unknown[]; totalElements: number };
    expect(bodyOf(comma).content.length).toBeGreaterThan(0);
    expect(bodyOf(repeated)).toEqual(bodyOf(comma));
  });

  it('a union of statuses is the statuses together, in creation order, each enrollment once', async () => {
    const all = await everyEnrollment(['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED']);
    expect(all).toHaveLength(301);
    expect(new Set(all.map((e) => e.status))).toEqual(new Set(['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED']));
    for (const pair of [
      ['PENDING', 'EXPIRED'],
      ['ACCEPTED', 'CANCELLED', 'EXPIRED'],
    ] as const) {
      const union = await everyEnrollment([...pair]);
      expect(union).toEqual(all.filter((e) => (pair as readonly string[]).includes(e.status)));
    }
  });

  it('status filters compose with the same paging rules', async () => {
    const { data } = await sdk.listEnrollments({ query: { status: ['ACCEPTED'], size: 1000 } });
    expect(data!.size).toBe(50);
    expect(data!.totalPages).toBe(Math.ceil(data!.totalElements! / 50));
  });
});
