/**
 * `report.html` of `rollcall review`: one self-contained page rendered from a {@link ReviewDocument}.
 * Nothing in it refers outside the file (no font, image, stylesheet or script URL), and its
 * Content-Security-Policy allows only its own inline stylesheet and script, by hash: the page
 * makes no request, and a value in the data can never run. Every value is HTML-escaped, and the
 * document itself is embedded as JSON, so the page carries the evidence it was made from.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { escapeHtml, jsonForScript } from './internal/html-text.js';
import { REPORT_SCRIPT, REPORT_STYLE } from './internal/report-assets.js';
import { barChart, lineChart } from './internal/svg-charts.js';
import {
  type EvidenceValue,
  type Finding,
  type PrivilegedCount,
  type ReviewDocument,
  type ReviewedSnapshot,
  RULE_IDS,
  SEVERITIES,
} from './review-document.js';

/** The file `rollcall review` writes beside the report, which the report points the reviewer to. */
export const WORKSHEET_FILE = 'worksheet.csv';

/** The CSP source expression allowing exactly one inline `<style>` or `<script>` body. */
export const cspHash = (body: string): string => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;

/** The page's policy: nothing from anywhere, except its own stylesheet and script. */
export const contentSecurityPolicy = (style: string, script: string): string =>
  [
    "default-src 'none'",
    `style-src ${cspHash(style)}`,
    `script-src ${cspHash(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

const SHORT_SHA = 12;

const header = (document: ReviewDocument): string => {
  const snapshots = document.snapshots.map(snapshotRow).join('\n');
  return `<header>
<h1>Access review</h1>
<p class="meta">${escapeHtml(document.tool.name)} ${escapeHtml(document.tool.version)}, generated <time>${escapeHtml(document.generatedAt)}</time>; idle after ${escapeHtml(document.parameters.idleDays)} days, enrollment pending after ${escapeHtml(document.parameters.pendingDays)} days</p>
<h2>Snapshots reviewed</h2>
${
  document.snapshots.length === 0
    ? '<p>No snapshots.</p>'
    : `<table id="snapshots">
<thead><tr><th>source</th><th>snapshot</th><th>finished</th><th>manifest SHA-256</th><th>signature</th></tr></thead>
<tbody>
${snapshots}
</tbody>
</table>`
}
</header>`;
};

const snapshotRow = (snapshot: ReviewedSnapshot): string =>
  `<tr><td>${escapeHtml(snapshot.source)}</td><td class="mono">${escapeHtml(snapshot.path)}</td><td>${escapeHtml(snapshot.finishedAt)}</td><td class="mono" title="${escapeHtml(snapshot.manifestSha256)}">${escapeHtml(snapshot.manifestSha256.slice(0, SHORT_SHA))}</td><td>${
    snapshot.signedBy === null
      ? '<span class="unsigned">unsigned</span>'
      : `signed by <span class="mono">${escapeHtml(snapshot.signedBy)}</span>`
  }</td></tr>`;

const countsTable = (id: string, title: string, counts: ReadonlyArray<readonly [string, number]>): string =>
  `<table class="counts" id="${id}">
<thead><tr><th>${escapeHtml(title)}</th><th class="number">findings</th></tr></thead>
<tbody>
${counts.map(([name, count]) => `<tr><td>${escapeHtml(name)}</td><td class="number">${count}</td></tr>`).join('\n')}
</tbody>
</table>`;

const summary = (document: ReviewDocument): string => {
  const bySeverity = SEVERITIES.map((severity) => [severity, document.summary.bySeverity[severity] ?? 0] as const);
  const byRule = RULE_IDS.map((rule) => [rule, document.summary.byRule[rule] ?? 0] as const);
  return `<section id="summary">
<h2>Summary: ${document.summary.total} ${document.summary.total === 1 ? 'finding' : 'findings'}</h2>
<div class="summary">
${countsTable('by-severity', 'severity', bySeverity)}
${countsTable('by-rule', 'rule', byRule)}
<figure>
${barChart(
  'Findings per rule',
  byRule.map(([label, value]) => ({ label, value })),
)}
<figcaption>Findings per rule</figcaption>
</figure>
</div>
${privilegedCharts(document.privilegedOverTime)}
</section>`;
};

/** One chart per source that has more than one snapshot: a single point is no trend. */
const privilegedCharts = (counts: ReadonlyArray<PrivilegedCount>): string => {
  const bySource = new Map<string, Array<PrivilegedCount>>();
  for (const count of counts) bySource.set(count.source, [...(bySource.get(count.source) ?? []), count]);
  const charts = [...bySource]
    .filter(([, series]) => series.length > 1)
    .map(([source, series]) => {
      const ordered = [...series].sort((a, b) =>
        a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : 0,
      );
      const title = `Privileged accounts over time: ${source}`;
      return `<figure>
${lineChart(
  title,
  ordered.map((point) => ({ label: point.finishedAt.slice(0, 10), value: point.count })),
)}
<figcaption>${escapeHtml(title)}</figcaption>
</figure>`;
    });
  return charts.length === 0 ? '' : `<div class="summary" id="privileged-over-time">\n${charts.join('\n')}\n</div>`;
};

const COLUMNS = ['severity', 'rule', 'source', 'key', 'title', 'evidence', 'snapshot / file'] as const;

const evidenceList = (evidence: Readonly<Record<string, EvidenceValue>>): string => {
  const items = Object.entries(evidence).map(
    ([name, value]) =>
      `<li><code>${escapeHtml(name)}</code> ${value === null ? '<em>null</em>' : escapeHtml(value)}</li>`,
  );
  return items.length === 0 ? '' : `<ul class="evidence">${items.join('')}</ul>`;
};

const findingRow = (finding: Finding, index: number): string => {
  const severityRank = SEVERITIES.indexOf(finding.severity);
  const ruleRank = RULE_IDS.indexOf(finding.rule);
  return `<tr data-finding-id="${escapeHtml(finding.id)}" data-index="${index}" data-severity="${escapeHtml(finding.severity)}" data-rule="${escapeHtml(finding.rule)}" data-source="${escapeHtml(finding.source)}">
<td class="word" data-sort="${severityRank}"><span class="severity severity-${escapeHtml(finding.severity)}">${escapeHtml(finding.severity)}</span></td>
<td class="word" data-sort="${ruleRank}">${escapeHtml(finding.rule)}</td>
<td class="word">${escapeHtml(finding.source)}</td>
<td class="key mono">${escapeHtml(finding.key)}</td>
<td>${escapeHtml(finding.title)}</td>
<td class="evidence-cell">${evidenceList(finding.evidence)}</td>
<td class="file" data-sort="${escapeHtml(`${finding.snapshot}/${finding.file}`)}"><span class="mono">${escapeHtml(finding.file)}</span><br><span class="path mono">${escapeHtml(finding.snapshot)}</span></td>
</tr>`;
};

const selectFilter = (name: string, values: ReadonlyArray<string>): string =>
  `<label>${name}<select id="filter-${name}" data-filter="${name}"><option value="">all</option>${values
    .map((value) => `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`)
    .join('')}</select></label>`;

const findingsSection = (document: ReviewDocument): string => {
  const total = document.findings.length;
  const note = `<p class="note">The reviewer worksheet is <code>${WORKSHEET_FILE}</code>, beside this file: one row per finding; fill keep/revoke/notes.</p>`;
  if (total === 0) {
    return `<section id="findings-section">
<h2>Findings</h2>
<p id="counter"><span id="shown-count">0</span> of <span id="finding-count">0</span> findings</p>
<p class="empty" id="no-findings">No findings</p>
${note}
</section>`;
  }
  const sources = [...new Set(document.findings.map((finding) => finding.source))].sort();
  const rules = RULE_IDS.filter((rule) => document.findings.some((finding) => finding.rule === rule));
  const severities = SEVERITIES.filter((severity) =>
    document.findings.some((finding) => finding.severity === severity),
  );
  return `<section id="findings-section">
<h2>Findings</h2>
${note}
<div class="controls" id="controls" hidden>
<label>filter<input id="filter-text" type="search" placeholder="key, title, evidence…" autocomplete="off"></label>
${selectFilter('severity', severities)}
${selectFilter('rule', rules)}
${selectFilter('source', sources)}
</div>
<p id="counter"><span id="shown-count">${total}</span> of <span id="finding-count">${total}</span> findings</p>
<table id="findings">
<thead><tr>${COLUMNS.map((column, i) => `<th scope="col"><button type="button" data-column="${i}">${column}</button></th>`).join('')}</tr></thead>
<tbody>
${document.findings.map(findingRow).join('\n')}
</tbody>
</table>
</section>`;
};

/** The report as one HTML file. Pure: the same document gives the same bytes, on every runtime. */
export const renderReportHtml = (document: ReviewDocument): string => {
  const style = REPORT_STYLE;
  const script = REPORT_SCRIPT;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(style, script))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Access review ${escapeHtml(document.generatedAt)}</title>
<style>${style}</style>
</head>
<body>
${header(document)}
<main>
${summary(document)}
${findingsSection(document)}
</main>
<script type="application/json" id="review-document">${jsonForScript(document)}</script>
<script>${script}</script>
</body>
</html>
`;
};
