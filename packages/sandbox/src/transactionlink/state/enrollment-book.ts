/**
 * Enrollments in creation order, with a list per status (each in creation order) and PENDING
 * ones by email. A page of several statuses is found by binary search over the per-status
 * lists, then a short merge: no per-request sort or scan of 100 000 rows.
 */

import { normalizeEmail } from '../../core/email.js';
import { ENROLLMENT_STATUSES, type EnrollmentRecord, type EnrollmentStatus } from '../model.js';

export type NewEnrollment = Omit<EnrollmentRecord, 'seq'>;

/** Index of the first record whose seq is >= `seq`. */
function lowerBound(list: ReadonlyArray<EnrollmentRecord>, seq: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function mergeBySeq(a: ReadonlyArray<EnrollmentRecord>, b: ReadonlyArray<EnrollmentRecord>): EnrollmentRecord[] {
  const out: EnrollmentRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.seq < b[j]!.seq)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

export class EnrollmentBook {
  private readonly all: EnrollmentRecord[] = [];
  private readonly byId = new Map<string, EnrollmentRecord>();
  private readonly byStatus = Object.fromEntries(
    ENROLLMENT_STATUSES.map((status) => [status, []]),
  ) as unknown as Record<EnrollmentStatus, EnrollmentRecord[]>;
  private readonly pendingByEmail = new Map<string, EnrollmentRecord>();

  get(id: string): EnrollmentRecord | undefined {
    return this.byId.get(id);
  }

  pendingFor(email: string): EnrollmentRecord | undefined {
    return this.pendingByEmail.get(normalizeEmail(email));
  }

  add(fields: NewEnrollment): EnrollmentRecord {
    const record: EnrollmentRecord = { ...fields, seq: this.all.length };
    this.all.push(record);
    this.byId.set(record.id, record);
    this.byStatus[record.status].push(record);
    if (record.status === 'PENDING') this.pendingByEmail.set(normalizeEmail(record.email), record);
    return record;
  }

  /** Moves an enrollment to `status`, optionally stamping a new invitation time. */
  setStatus(record: EnrollmentRecord, status: EnrollmentStatus, sentAt?: number): EnrollmentRecord {
    if (sentAt !== undefined) record.lastInvitationSentAt = sentAt;
    if (record.status === status) return record;
    const from = this.byStatus[record.status];
    from.splice(lowerBound(from, record.seq), 1);
    const to = this.byStatus[status];
    to.splice(lowerBound(to, record.seq), 0, record);
    if (record.status === 'PENDING') this.pendingByEmail.delete(normalizeEmail(record.email));
    if (status === 'PENDING') this.pendingByEmail.set(normalizeEmail(record.email), record);
    record.status = status;
    return record;
  }

  /** Every PENDING enrollment whose invitation is `ttlMs` old at `now` becomes EXPIRED; returns how many. */
  expireDue(now: number, ttlMs: number): number {
    const pending = this.byStatus.PENDING;
    const due = (record: EnrollmentRecord) =>
      record.lastInvitationSentAt !== null && now - record.lastInvitationSentAt >= ttlMs;
    const expiring = pending.filter(due);
    if (expiring.length === 0) return 0;
    this.byStatus.PENDING = pending.filter((record) => !due(record));
    this.byStatus.EXPIRED = mergeBySeq(this.byStatus.EXPIRED, expiring);
    for (const record of expiring) {
      record.status = 'EXPIRED';
      this.pendingByEmail.delete(normalizeEmail(record.email));
    }
    return expiring.length;
  }

  /** `limit` enrollments from `offset` of those in `statuses`, in creation order, and how many there are. */
  page(
    statuses: ReadonlyArray<EnrollmentStatus>,
    offset: number,
    limit: number,
  ): { readonly total: number; readonly content: ReadonlyArray<EnrollmentRecord> } {
    const lists = [...new Set(statuses)].map((status) => this.byStatus[status]);
    const total = lists.reduce((sum, list) => sum + list.length, 0);
    if (lists.length === 1) return { total, content: lists[0]!.slice(offset, offset + limit) };
    if (lists.length === ENROLLMENT_STATUSES.length) return { total, content: this.all.slice(offset, offset + limit) };
    if (offset >= total) return { total, content: [] };

    // The smallest seq with exactly `offset` selected enrollments before it (seqs are unique).
    const countBelow = (seq: number) => lists.reduce((sum, list) => sum + lowerBound(list, seq), 0);
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (countBelow(mid) < offset) low = mid + 1;
      else high = mid;
    }
    const cursors = lists.map((list) => lowerBound(list, low));
    const content: EnrollmentRecord[] = [];
    while (content.length < limit) {
      let best = -1;
      for (let i = 0; i < lists.length; i++) {
        const candidate = lists[i]![cursors[i]!];
        if (candidate && (best < 0 || candidate.seq < lists[best]![cursors[best]!]!.seq)) best = i;
      }
      if (best < 0) break;
      content.push(lists[best]![cursors[best]!++]!);
    }
    return { total, content };
  }
}
