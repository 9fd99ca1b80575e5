/**
 * `rollcall review` with the built CLI on real snapshots: the sandbox's `accessReview` scenario
 * makes both organizations hold each finding exactly N times (0: a clean organization); they
 * are exported (TransactionLink as CSV, GitBook as NDJSON, so both readers are used) and reviewed.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReviewDocument, RULE_IDS } from '../../packages/exporter/src/review/review-document.js';
import { launchChromium, openFile } from '../support/chromium.js';
import { describeRun, gitBookEnv, rollcall, sandboxEnv, temporaryDir } from './support.js';

const N = 4;
const WORKSHEET_HEADER = 'finding,rule,severity,source,entity,key,title,snapshot,file,keep,revoke,notes';

interface Organization {
  readonly sandbox: Sandbox;
  readonly transactionLink: string;
  readonly gitBook: string;
}

const exportSnapshot = async (sandbox: Sandbox, out: string, source: 'transactionlink' | 'gitbook') => {
  const args = source === 'gitbook' ? ['--source', 'gitbook', '--format', 'ndjson'] : ['--format', 'csv'];
  const result = await rollcall(['export', '--out', out, '--quiet', ...args], {
    env: { ...sandboxEnv(sandbox), ...gitBookEnv(sandbox) },
  });
  expect(result.code, describeRun(result)).toBe(0);
  return out;
};

/** A sandbox seeded with the scenario, and a snapshot of each of its organizations. */
const organization = async (findings: number): Promise<Organization> => {
  // The snapshot's "now" is when it was taken: the scenario's times are relative to the sandbox's.
  const sandbox = await startSandbox({ seed: 'review', now: new Date().toISOString(), accessReview: { findings } });
  const dir = temporaryDir();
  return {
    sandbox,
    transactionLink: await exportSnapshot(sandbox, join(dir, 'transactionlink'), 'transactionlink'),
    gitBook: await exportSnapshot(sandbox, join(dir, 'gitbook'), 'gitbook'),
  };
};

const review = async (snapshots: ReadonlyArray<string>, extra: ReadonlyArray<string> = []) => {
  const out = join(temporaryDir(), 'review');
  const result = await rollcall(['review', ...snapshots, '--out', out, ...extra]);
  return { result, out };
};

const readDocument = (dir: string): ReviewDocument =>
  JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as ReviewDocument;

let flagged: Organization;
let clean: Organization;

beforeAll(async () => {
  [flagged, clean] = await Promise.all([organization(N), organization(0)]);
});

afterAll(async () => {
  await Promise.all([flagged?.sandbox.close(), clean?.sandbox.close()]);
});

describe('rollcall review', () => {
  it('writes report.html beside findings.json and worksheet.csv, and Chromium shows every finding', async () => {
    const { result, out } = await review([flagged.transactionLink, flagged.gitBook]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['findings.json', 'report.html', 'worksheet.csv']);
    const document = readDocument(out);
    const browser = await launchChromium();
    try {
      const watched = await openFile(browser, join(out, 'report.html'));
      expect(await watched.page.locator('#finding-count').textContent()).toBe(String(document.findings.length));
      expect(await watched.page.locator('tr[data-finding-id]').count()).toBe(document.findings.length);
      expect([...watched.consoleErrors, ...watched.pageErrors, ...watched.networkRequests]).toEqual([]);
      await watched.close();
    } finally {
      await browser.close();
    }
  }, 60_000);

  it(`finds each finding exactly ${N} times, and the worksheet has one row per finding`, async () => {
    const { result, out } = await review([flagged.transactionLink, flagged.gitBook]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toBe(`${out}\n`);
    expect(result.stderr).toContain(`${N * RULE_IDS.length} findings`);

    const document = readDocument(out);
    for (const rule of RULE_IDS) {
      expect(document.findings.filter((finding) => finding.rule === rule).length, rule).toBe(N);
      expect(document.summary.byRule[rule], rule).toBe(N);
    }
    expect(document.summary.total).toBe(N * RULE_IDS.length);
    expect(document.summary.bySeverity).toEqual({ high: 3 * N, medium: N, low: N, info: N });
    expect(new Set(document.findings.map((finding) => finding.id)).size).toBe(document.findings.length);
    expect(document.snapshots.map((snapshot) => [snapshot.path, snapshot.source, snapshot.signedBy])).toEqual([
      [flagged.transactionLink, 'transactionlink', null],
      [flagged.gitBook, 'gitbook', null],
    ]);
    const byFile = new Set(document.findings.map((finding) => `${finding.source} ${finding.file}`));
    for (const entry of byFile) expect(entry).toMatch(/^(transactionlink \S+\.csv|gitbook \S+\.ndjson)$/);
    // The case-insensitive join: Mixed.Case@Example.COM in TransactionLink is mixed.case@… in GitBook.
    expect(document.findings.some((finding) => finding.key === 'mixed.case@example.com')).toBe(false);

    const worksheet = readFileSync(join(out, 'worksheet.csv'), 'utf8');
    expect(worksheet.startsWith(`${WORKSHEET_HEADER}\r\n`)).toBe(true);
    const rows = parse(worksheet, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.finding)).toEqual(document.findings.map((finding) => finding.id));
    expect(rows.map((row) => row.rule)).toEqual(document.findings.map((finding) => finding.rule));
    for (const row of rows) expect([row.keep, row.revoke, row.notes]).toEqual(['', '', '']);
  });

  it('finds nothing in a clean organization', async () => {
    const { result, out } = await review([clean.transactionLink, clean.gitBook]);
    expect(result.code, describeRun(result)).toBe(0);
    const document = readDocument(out);
    expect(document.findings).toEqual([]);
    expect(document.summary.total).toBe(0);
    expect(readFileSync(join(out, 'worksheet.csv'), 'utf8')).toBe(`${WORKSHEET_HEADER}\r\n`);
  });

  it('refuses a tampered snapshot: exit 1, the mismatch on stderr, no review folder', async () => {
    const tampered = join(temporaryDir(), 'tampered');
    cpSync(flagged.transactionLink, tampered, { recursive: true });
    const users = join(tampered, 'users.csv');
    writeFileSync(users, readFileSync(users, 'utf8').replace('TERMINATED', 'ACTIVE'));
    const { result, out } = await review([tampered, flagged.gitBook]);
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('mismatch: users.csv');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('counts privileged accounts per snapshot when two of one source are given; findings come from the latest', async () => {
    const before = readDocument((await review([flagged.transactionLink])).out);
    const privilegedBefore = before.privilegedOverTime[0]!.count;
    const roles = parse(readFileSync(join(flagged.transactionLink, 'roles.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    const users = parse(readFileSync(join(flagged.transactionLink, 'users.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    const promoted = users.find((user) => user.email === 'reviewer@example.com')!;
    flagged.sandbox.control.updateUser(promoted.id!, { roleId: roles.find((role) => role.name === 'owner')!.id! });
    const later = await exportSnapshot(
      flagged.sandbox,
      join(temporaryDir(), 'transactionlink-later'),
      'transactionlink',
    );

    const { result, out } = await review([later, flagged.transactionLink, flagged.gitBook]);
    expect(result.code, describeRun(result)).toBe(0);
    const document = readDocument(out);
    const transactionLinkPoints = document.privilegedOverTime.filter((point) => point.source === 'transactionlink');
    expect(transactionLinkPoints.map((point) => [point.snapshot, point.count])).toEqual([
      [flagged.transactionLink, privilegedBefore],
      [later, privilegedBefore + 1],
    ]);
    const privileged = document.findings.filter(
      (finding) => finding.rule === 'privileged-account' && finding.source === 'transactionlink',
    );
    expect(privileged.map((finding) => finding.snapshot)).toEqual(privileged.map(() => later));
    expect(privileged.some((finding) => finding.key === 'reviewer@example.com')).toBe(true);
  });

  it('exits 2 on usage errors: no snapshot, a bad --idle-days, an unknown format, an --out that exists', async () => {
    expect((await rollcall(['review'])).code).toBe(2);
    expect((await rollcall(['review', clean.gitBook, '--idle-days', '0'])).code).toBe(2);
    expect((await rollcall(['review', clean.gitBook, '--idle-days', 'soon'])).code).toBe(2);
    expect((await rollcall(['review', clean.gitBook, '--format', 'pdf'])).code).toBe(2);
    expect((await rollcall(['review', clean.gitBook, '--out', clean.transactionLink])).code).toBe(2);
  });
  it('with --public-key, requires each snapshot signed by that key and names the key in findings.json', async () => {
    const dir = temporaryDir();
    const keys = async (name: string) => {
      const result = await rollcall(['keygen', '--out', join(dir, name)]);
      expect(result.code, describeRun(result)).toBe(0);
      return { key: join(dir, `${name}.key.pem`), pub: join(dir, `${name}.pub.pem`) };
    };
    const [signer, other] = [await keys('signer'), await keys('other')];
    const signed = join(dir, 'signed');
    const exported = await rollcall(
      ['export', '--out', signed, '--format', 'ndjson', '--quiet', '--sign-key', signer.key],
      {
        env: sandboxEnv(flagged.sandbox),
      },
    );
    expect(exported.code, describeRun(exported)).toBe(0);
    const keyId = (JSON.parse(readFileSync(join(signed, 'manifest.json'), 'utf8')) as { signature: { keyId: string } })
      .signature.keyId;

    const checked = await review([signed], ['--public-key', signer.pub, '--format', 'json']);
    expect(checked.result.code, describeRun(checked.result)).toBe(0);
    expect(readDocument(checked.out).snapshots.map((snapshot) => snapshot.signedBy)).toEqual([keyId]);

    const unchecked = await review([signed], ['--format', 'json']);
    expect(unchecked.result.code, describeRun(unchecked.result)).toBe(0);
    expect(readDocument(unchecked.out).snapshots[0]?.signedBy).toBeNull();
    expect(unchecked.result.stderr).toContain('signature was not checked');

    for (const snapshots of [[signed], [signed, flagged.gitBook]]) {
      const refused = await review(snapshots, ['--public-key', snapshots.length === 1 ? other.pub : signer.pub]);
      expect(refused.result.code, describeRun(refused.result)).toBe(1);
      expect(existsSync(refused.out)).toBe(false);
    }
  }, 60_000);
});
