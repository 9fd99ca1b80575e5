/**
 * The files of a review, each rendered from the `ReviewDocument` alone: `report.html` (see report-html.ts), `findings.json` (the
 * document itself) and `worksheet.csv` (one row per finding, with empty keep/revoke/notes
 * columns for the reviewer). A format is one entry of `REVIEW_RENDERERS`.
 *
 * @module
 */
import { defineEntity } from '../entity.js';
import { makeEncoder } from '../internal/encoders.js';
import { renderReportHtml } from './report-html.js';
import type { ReviewDocument } from './review-document.js';

/** One file of a review. */
export interface ReviewRenderer {
  readonly file: string;
  readonly render: (document: ReviewDocument) => Promise<string>;
}

/** The worksheet's columns, in file order; the last three are the reviewer's. */
export const WORKSHEET_COLUMNS = [
  'finding',
  'rule',
  'severity',
  'source',
  'entity',
  'key',
  'title',
  'snapshot',
  'file',
  'keep',
  'revoke',
  'notes',
] as const;

const worksheetEntity = defineEntity(
  'worksheet',
  WORKSHEET_COLUMNS.map((name) => [name, 'string'] as const),
  ['finding'],
);

/** The reviewer's worksheet: RFC 4180, CRLF, formula-like cells neutralised, as snapshot CSV files are. */
const renderWorksheet = async (document: ReviewDocument): Promise<string> => {
  const encoder = makeEncoder('csv', worksheetEntity, { bom: false });
  const rows = document.findings.map((finding) => [
    finding.id,
    finding.rule,
    finding.severity,
    finding.source,
    finding.entity,
    finding.key,
    finding.title,
    finding.snapshot,
    finding.file,
    null,
    null,
    null,
  ]);
  return encoder.encode(rows) + (await encoder.finish());
};

const renderFindings = async (document: ReviewDocument): Promise<string> => `${JSON.stringify(document, null, 2)}\n`;

/** Every file format `rollcall review --format` accepts, and the file it writes. */
export const REVIEW_RENDERERS = {
  html: { file: 'report.html', render: async (document: ReviewDocument) => renderReportHtml(document) },
  json: { file: 'findings.json', render: renderFindings },
  csv: { file: 'worksheet.csv', render: renderWorksheet },
} as const satisfies Readonly<Record<string, ReviewRenderer>>;

export type ReviewFormat = keyof typeof REVIEW_RENDERERS;

export const REVIEW_FORMATS = Object.keys(REVIEW_RENDERERS) as ReadonlyArray<ReviewFormat>;
