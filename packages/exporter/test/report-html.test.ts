import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../src/review/internal/html-text.js';
import { renderReportHtml } from '../src/review/report-html.js';
import { emptyReview, fullReview, HOSTILE } from './support/review-documents.js';

const policyOf = (html: string): string => {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  expect(match, 'a CSP meta element').not.toBeNull();
  return match![1]!.replaceAll('&#39;', "'");
};

const hashOf = (body: string) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;

/** The bodies of every `<script>` or `<style>` element, with their opening tag. */
const elements = (html: string, tag: 'script' | 'style') =>
  [...html.matchAll(new RegExp(`<${tag}([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => ({
    attributes: m[1]!,
    body: m[2]!,
  }));

describe('escapeHtml', () => {
  it('turns markup, quotes and ampersands into text', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml("Tom & 'Jerry' 🦄")).toBe('Tom &amp; &#39;Jerry&#39; 🦄');
    expect(escapeHtml(null)).toBe('null');
  });
});

describe('jsonForScript', () => {
  it('leaves no character that can end or alter a script element, and parses back unchanged', () => {
    const value = { a: '</script><!--<script>', b: 'x & y > z', c: 'line\u2028para\u2029' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('renderReportHtml', () => {
  const document = fullReview();
  const html = renderReportHtml(document);

  it('allows exactly its own inline style and script by their SHA-256, and nothing else', () => {
    const policy = policyOf(html);
    expect(policy).toContain("default-src 'none'");
    const styles = elements(html, 'style');
    const scripts = elements(html, 'script').filter((script) => !script.attributes.includes('application/json'));
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(policy).toContain(`style-src ${hashOf(styles[0]!.body)}`);
    expect(policy).toContain(`script-src ${hashOf(scripts[0]!.body)}`);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('refers to nothing outside the file and carries no inline handler or style attribute', () => {
    const tags = html.replace(/<(script|style)([^>]*)>[\s\S]*?<\/\1>/g, '<$1$2>').match(/<[a-z][^>]*>/gi)!;
    expect(tags.length).toBeGreaterThan(100);
    const attributeNames = tags.map((tag) => tag.replace(/"[^"]*"/g, '""'));
    expect(attributeNames.filter((tag) => /\s(src|href|srcset|action|style|on[a-z]+)=/i.test(tag))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });

  it('renders every hostile value as text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b onmouseover');
    expect(html).toContain(escapeHtml(HOSTILE.key));
    expect(html).toContain(escapeHtml(HOSTILE.title));
    expect(html).toContain(escapeHtml(HOSTILE.signedBy));
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('embeds the document as JSON that parses back to it', () => {
    const data = elements(html, 'script').find((script) => script.attributes.includes('application/json'))!;
    expect(JSON.parse(data.body)).toEqual(document);
  });

  it('has a row per finding, the count, the worksheet note and a trend chart per source with more than one snapshot', () => {
    expect(html.match(/<tr data-finding-id=/g)).toHaveLength(document.findings.length);
    expect(html).toContain(`<span id="finding-count">${document.findings.length}</span>`);
    expect(html).toContain('worksheet.csv');
    expect(html).toContain('Privileged accounts over time: transactionlink');
    expect(html).not.toContain('Privileged accounts over time: gitbook');
  });

  it('is deterministic', () => {
    expect(renderReportHtml(fullReview())).toBe(html);
  });

  it('renders an empty review as "No findings", with a count of 0 and no table', () => {
    const empty = renderReportHtml(emptyReview());
    expect(empty).toContain('No findings');
    expect(empty).toContain('<span id="finding-count">0</span>');
    expect(empty).not.toContain('data-finding-id');
    expect(empty).not.toContain('id="findings"');
  });
});
