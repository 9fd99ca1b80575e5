/**
 * `rollcall diff` output: a plain-text table per entity for people, or JSON for programs.
 *
 * @module
 */

import type { DiffRow, SnapshotDiff } from './diff.js';
import type { Cell, EntityDefinition } from './entity.js';
import type { Source } from './source.js';

const show = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell));

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: ReadonlyArray<string>) =>
    `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
};

const plural = (count: number, word: string) => `${count} ${word}`;

/**
 * The diff as text tables: one section per entity with a row per change (`added`, `removed`,
 * `changed`), key and label columns, and the details (`status ACTIVE → TERMINATED`).
 */
export const formatDiffText = (diff: SnapshotDiff, source: Pick<Source, 'entities'>): string => {
  const sections = [
    `Changes from ${diff.old.path} (${diff.old.finishedAt})`,
    `          to ${diff.new.path} (${diff.new.finishedAt})`,
    '',
  ];
  let any = false;
  for (const entity of source.entities as ReadonlyArray<EntityDefinition>) {
    const changes = diff.entities[entity.name];
    if (changes === undefined || entity.diff === undefined) continue;
    const { added, removed, changed } = changes;
    const total = added.length + removed.length + changed.length;
    if (total === 0) {
      sections.push(`${entity.name}: no changes`, '');
      continue;
    }
    any = true;
    const identity = [...entity.sortKey, ...entity.diff.label];
    const tracked = entity.diff.tracked.map((field) => field.name);
    const values = (row: DiffRow) =>
      tracked
        .filter((name) => row[name] !== null && row[name] !== undefined)
        .map((name) => `${name} ${show(row[name])}`)
        .join(', ');
    const rows = [
      ...added.map((row) => ['added', ...identity.map((column) => show(row[column])), values(row)]),
      ...removed.map((row) => ['removed', ...identity.map((column) => show(row[column])), values(row)]),
      ...changed.map(({ row, changes: fields }) => [
        'changed',
        ...identity.map((column) => show(row[column])),
        Object.entries(fields)
          .map(([name, change]) => `${name} ${show(change.old) || '(none)'} → ${show(change.new) || '(none)'}`)
          .join(', '),
      ]),
    ];
    sections.push(
      `${entity.name}: ${plural(added.length, 'added')}, ${plural(removed.length, 'removed')}, ${plural(changed.length, 'changed')}`,
      table(['change', ...identity, 'details'], rows),
      '',
    );
  }
  if (!any) sections.push('No differences.', '');
  return sections.join('\n');
};

/** The diff as pretty-printed JSON, with a final newline. */
export const formatDiffJson = (diff: SnapshotDiff): string => `${JSON.stringify(diff, null, 2)}\n`;
