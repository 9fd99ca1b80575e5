/**
 * report.html in real headless Chromium: the page a reviewer opens renders offline and quietly,
 * counts what findings.json holds, runs none of the markup in the data, and its filters and sort
 * work. A screenshot of the full report is written for the docs; with ROLLCALL_REPORT_SCREENSHOT=PATH
 * it is also copied there (how docs/review-report.png is made).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../packages/exporter/src/review/report-html.js';
import type { ReviewDocument } from '../../packages/exporter/src/review/review-document.js';
import { emptyReview, fullReview, HOSTILE, LONG_KEY } from '../../packages/exporter/test/support/review-documents.js';
import { launchChromium, openFile, type WatchedPage } from '../support/chromium.js';
import { temporaryDir } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const writeReport = (document: ReviewDocument): string => {
  const file = join(temporaryDir(), 'report.html');
  writeFileSync(file, renderReportHtml(document));
  return file;
};

const expectQuiet = (watched: WatchedPage) => {
  expect(watched.consoleErrors, 'console errors').toEqual([]);
  expect(watched.pageErrors, 'page errors').toEqual([]);
  expect(watched.networkRequests, 'requests other than file: and data:').toEqual([]);
};

const visibleRows = 'tr[data-finding-id]:not([hidden])';
const keysOfVisibleRows = (watched: WatchedPage) =>
  watched.page.$$eval(visibleRows, (rows) => rows.map((row) => (row as HTMLTableRowElement).cells[3]!.textContent));

describe('report.html in Chromium', () => {
  const document = fullReview();

  it('renders every finding, counted as in the JSON, offline, without errors and without running data', async () => {
    const watched = await openFile(browser, writeReport(document));
    try {
      const { page } = watched;
      expect(await page.textContent('#finding-count')).toBe(String(document.findings.length));
      expect(await page.locator('tr[data-finding-id]').count()).toBe(document.findings.length);
      expect(await page.textContent('#shown-count')).toBe(String(document.findings.length));
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.locator('img, main b, header script, svg[onload]').count()).toBe(0);
      expect(await keysOfVisibleRows(watched)).toEqual(document.findings.map((finding) => finding.key));
      expect(await page.locator('tr[data-finding-id] >> nth=0').locator('td').nth(4).textContent()).toBe(
        document.findings[0]!.title,
      );
      expect(await page.getByText(HOSTILE.title).count()).toBe(1);
      expect(await page.locator('#snapshots').textContent()).toContain(HOSTILE.signedBy);
      expect(await page.locator('#snapshots').textContent()).toContain('unsigned');
      expect(await page.locator('#by-rule svg, #summary svg').count()).toBe(2);
      const embedded = await page.evaluate(() =>
        JSON.parse(window.document.getElementById('review-document')!.textContent!),
      );
      expect(embedded).toEqual(document);
      expectQuiet(watched);

      const screenshot = join(temporaryDir(), 'review-report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      const png = readFileSync(screenshot);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(1280);
      const target = process.env.ROLLCALL_REPORT_SCREENSHOT;
      if (target !== undefined && target !== '') copyFileSync(screenshot, target);
    } finally {
      await watched.close();
    }
  });

  it('narrows the rows and the counter with the text filter and the severity filter', async () => {
    const watched = await openFile(browser, writeReport(document));
    try {
      const { page } = watched;
      await page.fill('#filter-text', 'GRACE@');
      const grace = document.findings.filter((finding) => finding.key.includes('grace@'));
      expect(grace.length).toBe(2);
      expect(await keysOfVisibleRows(watched)).toEqual(grace.map((finding) => finding.key));
      expect(await page.textContent('#shown-count')).toBe('2');
      expect(await page.textContent('#finding-count')).toBe(String(document.findings.length));

      await page.fill('#filter-text', '');
      await page.selectOption('#filter-severity', 'high');
      const high = document.findings.filter((finding) => finding.severity === 'high');
      expect(await keysOfVisibleRows(watched)).toEqual(high.map((finding) => finding.key));
      expect(await page.textContent('#shown-count')).toBe(String(high.length));

      await page.fill('#filter-text', 'ada@');
      expect(await keysOfVisibleRows(watched)).toEqual(['ada@example.com']);
      await page.selectOption('#filter-severity', '');
      await page.fill('#filter-text', '');
      expect(await page.locator(visibleRows).count()).toBe(document.findings.length);
      expectQuiet(watched);
    } finally {
      await watched.close();
    }
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const watched = await openFile(browser, writeReport(document));
    try {
      const { page } = watched;
      const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
      const keys = document.findings.map((finding) => finding.key);
      const ascending = [...keys].sort(collator.compare);
      expect(ascending).not.toEqual(keys);
      await page.click('th button[data-column="3"]');
      expect(await keysOfVisibleRows(watched)).toEqual(ascending);
      expect(await page.getAttribute('#findings th:nth-child(4)', 'aria-sort')).toBe('ascending');
      await page.click('th button[data-column="3"]');
      expect(await keysOfVisibleRows(watched)).toEqual([...ascending].reverse());

      await page.click('th button[data-column="0"]');
      await page.click('th button[data-column="0"]');
      const severities = await page.$$eval(visibleRows, (rows) => rows.map((row) => row.getAttribute('data-severity')));
      expect(severities[0]).toBe('info');
      expect(severities.at(-1)).toBe('high');
      expectQuiet(watched);
    } finally {
      await watched.close();
    }
  });

  it('shows the whole table without JavaScript, the filters hidden', async () => {
    const watched = await openFile(browser, writeReport(document), { javaScriptEnabled: false });
    try {
      expect(await watched.page.locator('tr[data-finding-id]').count()).toBe(document.findings.length);
      expect(await watched.page.isVisible('#controls')).toBe(false);
      expect(await watched.page.isVisible(`text=${LONG_KEY}`)).toBe(true);
      expectQuiet(watched);
    } finally {
      await watched.close();
    }
  });

  it('renders an empty review as "No findings"', async () => {
    const watched = await openFile(browser, writeReport(emptyReview()));
    try {
      expect(await watched.page.textContent('#finding-count')).toBe('0');
      expect(await watched.page.locator('tr[data-finding-id]').count()).toBe(0);
      expect(await watched.page.isVisible('#no-findings')).toBe(true);
      expect(await watched.page.textContent('#no-findings')).toBe('No findings');
      expectQuiet(watched);
    } finally {
      await watched.close();
    }
  });
});
