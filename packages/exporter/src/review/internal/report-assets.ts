/**
 * The report's one stylesheet and one script, inline in the page and allowed by the page's
 * Content-Security-Policy through their SHA-256. The script only filters and sorts rows that are
 * already in the page, so the report reads the same with scripts disabled.
 *
 * @module
 */

export const REPORT_STYLE = `
:root { color-scheme: light; --high: #b3261e; --medium: #b35c00; --low: #5a6b00; --info: #35658f; --rule: #d5d9de; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 1280px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2329; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.meta { color: #56606b; margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); overflow-wrap: break-word; }
#findings td.word { white-space: nowrap; }
#findings td.key { min-width: 10em; max-width: 22em; overflow-wrap: anywhere; }
#findings td.evidence-cell { min-width: 12em; overflow-wrap: anywhere; }
#findings td.file { max-width: 16em; overflow-wrap: anywhere; }
th { background: #f3f5f7; font-weight: 600; }
.counts { width: auto; min-width: 260px; }
.counts td.number, .counts th.number { text-align: right; }
.summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.severity { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; font-weight: 600; text-transform: uppercase; }
.severity-high { background: var(--high); }
.severity-medium { background: var(--medium); }
.severity-low { background: var(--low); }
.severity-info { background: var(--info); }
.evidence { margin: 0; padding: 0; list-style: none; }
.evidence li { margin: 0; }
.path { color: #56606b; }
.unsigned { color: var(--medium); font-weight: 600; }
.note { background: #f3f7fb; border-left: 4px solid var(--info); padding: 8px 12px; margin: 12px 0; }
.empty { font-size: 16px; padding: 16px; background: #f3f5f7; text-align: center; }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 8px 0; }
.controls label { display: flex; flex-direction: column; font-size: 12px; color: #56606b; }
.controls input, .controls select { font: inherit; padding: 3px 6px; }
.controls input { min-width: 260px; }
#counter { margin: 8px 0; font-weight: 600; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 2px solid var(--info); }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.chart { max-width: 100%; height: auto; }
.chart-label { font-size: 12px; fill: #1d2329; }
.chart-value { font-size: 12px; fill: #56606b; }
.chart-bar { fill: var(--info); }
.chart-axis { stroke: #9aa3ad; stroke-width: 1; }
.chart-line { fill: none; stroke: var(--high); stroke-width: 2; }
.chart-point { fill: var(--high); }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .controls { display: none !important; }
  th button::after { content: none !important; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .severity { color: #000; background: none; border: 1px solid #000; }
  .note { border-left-color: #000; background: none; }
}
`;

export const REPORT_SCRIPT = `
(() => {
  const table = document.getElementById('findings');
  if (table === null) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const text = document.getElementById('filter-text');
  const selects = Array.from(document.querySelectorAll('select[data-filter]'));
  const shown = document.getElementById('shown-count');
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const apply = () => {
    const query = text.value.trim().toLowerCase();
    let visible = 0;
    for (const row of rows) {
      const matches =
        (query === '' || row.textContent.toLowerCase().includes(query)) &&
        selects.every((select) => select.value === '' || row.dataset[select.dataset.filter] === select.value);
      row.hidden = !matches;
      if (matches) visible += 1;
    }
    shown.textContent = String(visible);
  };
  text.addEventListener('input', apply);
  for (const select of selects) select.addEventListener('change', apply);
  const headers = Array.from(table.tHead.rows[0].cells);
  for (const button of table.querySelectorAll('thead button[data-column]')) {
    button.addEventListener('click', () => {
      const column = Number(button.dataset.column);
      const header = headers[column];
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent.trim();
      const sorted = rows.slice().sort((a, b) => {
        const order = collator.compare(key(a), key(b));
        return (ascending ? order : -order) || Number(a.dataset.index) - Number(b.dataset.index);
      });
      body.append(...sorted);
    });
  }
  document.getElementById('controls').hidden = false;
  apply();
})();
`;
