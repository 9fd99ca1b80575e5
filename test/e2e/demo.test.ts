/**
 * `pnpm demo` (the built packages/exporter/dist/demo.js): offline, no credentials, it exports
 * both sandbox organizations, verifies them, reviews the two snapshots and says where the report is.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { type ReviewDocument, RULE_IDS } from '../../packages/exporter/src/review/review-document.js';
import { temporaryDir } from './support.js';

const DEMO = fileURLToPath(new URL('../../packages/exporter/dist/demo.js', import.meta.url));

it('exports, verifies and reviews both snapshots, and prints where the report is', async () => {
  const cwd = temporaryDir();
  const { stdout } = await promisify(execFile)(process.execPath, [DEMO], { cwd, timeout: 60_000 });
  expect(stdout).toMatch(/verified: {2}intact/);
  const report = /^report: +(\S+report\.html)/m.exec(stdout)?.[1];
  expect(report, stdout).toBeDefined();
  expect(report?.startsWith(`${cwd}/rollcall-reviews/review-`)).toBe(true);
  expect(existsSync(report as string)).toBe(true);
  const document = JSON.parse(
    readFileSync((report as string).replace(/report\.html$/, 'findings.json'), 'utf8'),
  ) as ReviewDocument;
  expect(document.snapshots.map((snapshot) => snapshot.source)).toEqual(['transactionlink', 'gitbook']);
  for (const rule of RULE_IDS) expect(document.summary.byRule[rule], rule).toBe(3);
  expect(stdout).toContain(`${document.summary.total} findings`);
}, 90_000);
