/**
 * Real headless Chromium for tests of what a user opens in a browser: Debian's `chromium`
 * (installed by `.ci/run`), driven by playwright-core. A page is opened from a file:// URL while
 * its console errors, uncaught errors and every request to anything but file: or data: are
 * collected, so a test can require a page to be quiet and offline.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Starts Chromium; fails, never skips, when it is not installed. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium package (apt-get install -y --no-install-recommends chromium); .ci/run installs it before the tests`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
};

/** A page opened from a file, and what it did that a self-contained page must not. */
export interface WatchedPage {
  readonly page: Page;
  /** `console.error` messages, including Chromium's own (a CSP violation, a failed load). */
  readonly consoleErrors: Array<string>;
  /** Uncaught exceptions in the page's scripts. */
  readonly pageErrors: Array<string>;
  /** URLs of requests that were neither file: nor data:. */
  readonly networkRequests: Array<string>;
  readonly close: () => Promise<void>;
}

export interface OpenOptions {
  readonly javaScriptEnabled?: boolean;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** Opens `path` in a fresh browser context and waits for its load event. */
export const openFile = async (browser: Browser, path: string, options: OpenOptions = {}): Promise<WatchedPage> => {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const watched: WatchedPage = {
    page,
    consoleErrors: [],
    pageErrors: [],
    networkRequests: [],
    close: () => context.close(),
  };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.pageErrors.push(String(error)));
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) watched.networkRequests.push(url);
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return watched;
};
