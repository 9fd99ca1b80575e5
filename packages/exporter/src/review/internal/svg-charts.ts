/**
 * The report's charts as inline SVG strings: no script, no external reference, styled by the
 * report's stylesheet through classes (a `style` attribute would need its own CSP allowance).
 *
 * @module
 */
import { escapeHtml } from './html-text.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const LABEL_WIDTH = 230;
const BAR_AREA = 360;
const ROW_HEIGHT = 26;

/** A horizontal bar chart, one labelled bar per entry, each with its value written beside it. */
export const barChart = (title: string, bars: ReadonlyArray<Bar>): string => {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = LABEL_WIDTH + BAR_AREA + 50;
  const height = bars.length * ROW_HEIGHT + 8;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * ROW_HEIGHT;
    const length = Math.round((bar.value / max) * BAR_AREA);
    return [
      `<text class="chart-label" x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(bar.label)}</text>`,
      `<rect class="chart-bar" x="${LABEL_WIDTH}" y="${y + 4}" width="${length}" height="${ROW_HEIGHT - 8}"></rect>`,
      `<text class="chart-value" x="${LABEL_WIDTH + length + 6}" y="${y + 17}">${bar.value}</text>`,
    ].join('');
  });
  return [
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(title)}</title>`,
    ...rows,
    '</svg>',
  ].join('\n');
};

export interface Point {
  /** Shown under the point, e.g. the snapshot's date. */
  readonly label: string;
  readonly value: number;
}

const PLOT_WIDTH = 560;
const PLOT_HEIGHT = 140;
const MARGIN = { left: 50, right: 50, top: 20, bottom: 36 };

/** A line through the points in the order given, each point marked and labelled with its value. */
export const lineChart = (title: string, points: ReadonlyArray<Point>): string => {
  const max = Math.max(1, ...points.map((point) => point.value));
  const width = MARGIN.left + PLOT_WIDTH + MARGIN.right;
  const height = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom;
  const step = points.length > 1 ? PLOT_WIDTH / (points.length - 1) : 0;
  const at = points.map((point, i) => ({
    ...point,
    x: Math.round(MARGIN.left + i * step),
    y: Math.round(MARGIN.top + PLOT_HEIGHT - (point.value / max) * PLOT_HEIGHT),
  }));
  const baseline = MARGIN.top + PLOT_HEIGHT;
  return [
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(title)}</title>`,
    `<line class="chart-axis" x1="${MARGIN.left}" y1="${baseline}" x2="${MARGIN.left + PLOT_WIDTH}" y2="${baseline}"></line>`,
    `<polyline class="chart-line" points="${at.map((point) => `${point.x},${point.y}`).join(' ')}"></polyline>`,
    ...at.map((point) =>
      [
        `<circle class="chart-point" cx="${point.x}" cy="${point.y}" r="4"></circle>`,
        `<text class="chart-value" x="${point.x}" y="${point.y - 8}" text-anchor="middle">${point.value}</text>`,
        `<text class="chart-label" x="${point.x}" y="${baseline + 18}" text-anchor="middle">${escapeHtml(point.label)}</text>`,
      ].join(''),
    ),
    '</svg>',
  ].join('\n');
};
