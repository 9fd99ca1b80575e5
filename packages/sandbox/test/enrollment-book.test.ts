import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../src/transactionlink/model.js';
import { EnrollmentBook } from '../src/transactionlink/state/enrollment-book.js';

const status = fc.constantFrom(...ENROLLMENT_STATUSES);

/** A book built from `statuses`, then changed by `moves` ([index, new status]) and an expiry sweep at `sweepAt`. */
function build(statuses: EnrollmentStatus[], moves: Array<[number, EnrollmentStatus]>, sweepAt: number) {
  const book = new EnrollmentBook();
  const records = statuses.map((s, i) =>
    book.add({
      id: `e${i}`,
      email: `user${i}@example.com`,
      status: s,
      lastInvitationSentAt: i * 10,
      roleId: 'r',
      firstName: null,
      lastName: null,
      title: null,
      workspaceAssignments: [],
    }),
  );
  for (const [index, next] of moves) {
    const record = records[index % Math.max(1, records.length)];
    if (record) book.setStatus(record, next);
  }
  book.expireDue(sweepAt, 100);
  return { book, records };
}

describe('EnrollmentBook pages (per-status indexes, no per-request sort)', () => {
  it('any page of any set of statuses equals filtering all enrollments in creation order', () => {
    fc.assert(
      fc.property(
        fc.array(status, { maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(), status), { maxLength: 40 }),
        fc.nat(1400),
        fc.subarray([...ENROLLMENT_STATUSES], { minLength: 1 }),
        fc.nat(130),
        fc.integer({ min: 1, max: 30 }),
        (statuses, moves, sweepAt, wanted, offset, limit) => {
          const { book, records } = build(statuses, moves, sweepAt);
          const expected = records.filter((r) => wanted.includes(r.status));
          const page = book.page(wanted, offset, limit);
          expect(page.total).toBe(expected.length);
          expect(page.content.map((r) => r.id)).toEqual(expected.slice(offset, offset + limit).map((r) => r.id));
        },
      ),
    );
  });

  it('expiry moves exactly the PENDING enrollments at or past the TTL, and only those', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 60 }), fc.nat(800), (statuses, now) => {
        const { book, records } = build(statuses, [], now);
        const due = statuses.map((s, i) => s === 'PENDING' && now - i * 10 >= 100);
        records.forEach((record, i) => {
          expect(record.status).toBe(due[i] ? 'EXPIRED' : statuses[i]);
        });
        expect(book.page(['EXPIRED'], 0, 1000).content).toEqual(records.filter((r) => r.status === 'EXPIRED'));
        expect(book.page(['PENDING'], 0, 1000).total).toBe(
          statuses.filter((s, i) => s === 'PENDING' && !due[i]).length,
        );
      }),
    );
  });

  it('keeps one PENDING enrollment per email findable, case-insensitively', () => {
    const { book, records } = build(['PENDING', 'CANCELLED'], [], 0);
    expect(book.pendingFor('USER0@example.com')).toBe(records[0]);
    expect(book.pendingFor('user1@example.com')).toBeUndefined();
    book.setStatus(records[0]!, 'CANCELLED');
    expect(book.pendingFor('user0@example.com')).toBeUndefined();
  });
});
