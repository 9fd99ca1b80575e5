/**
 * The entity model: what one snapshot file holds. An entity is a named table with typed columns
 * in a fixed order and a sort key; rows are arrays of cells in column order, so a row costs no
 * more than its values and every writer sees the same shape whatever the source.
 *
 * @module
 */

/** One value of a row. Timestamps are ISO-8601 UTC strings ending in `Z`. */
export type Cell = string | number | boolean | null;

/** One row: cells in the order of the entity's columns. */
export type Row = ReadonlyArray<Cell>;

/** How a column's values are typed; writers format them accordingly. */
export type ColumnType = 'string' | 'timestamp' | 'boolean' | 'number';

/** One column of an entity. */
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/**
 * How `rollcall diff` reports an entity: rows are matched by the sort key, shown with the
 * `label` columns, and each `tracked` field is compared on `compare` and shown as `show`.
 */
export interface EntityDiffDefinition {
  /** Columns shown next to the key, e.g. `['email']`. */
  readonly label: ReadonlyArray<string>;
  /** Fields whose change is reported, e.g. `{ name: 'role', compare: 'roleId', show: 'roleName' }`. */
  readonly tracked: ReadonlyArray<{ readonly name: string; readonly compare: string; readonly show: string }>;
}

/** A table of a snapshot: its file name (without extension), columns, sort key and diff rules. */
export interface EntityDefinition {
  /** File base name, e.g. `workspace-memberships`. */
  readonly name: string;
  readonly columns: ReadonlyArray<Column>;
  /**
   * Columns the rows are sorted by, most significant first; together they identify a row (two
   * rows with the same key make the export fail). Never a column filled by a join.
   */
  readonly sortKey: ReadonlyArray<string>;
  /** Present when `rollcall diff` reports changes of this entity. */
  readonly diff?: EntityDiffDefinition | undefined;
}

/**
 * An entity from its name, its columns as `[name, type]` pairs in file order, its sort key and,
 * when `rollcall diff` reports it, its diff rules.
 */
export const defineEntity = (
  name: string,
  columns: ReadonlyArray<readonly [string, ColumnType]>,
  sortKey: ReadonlyArray<string>,
  diff?: EntityDiffDefinition,
): EntityDefinition => ({
  name,
  columns: columns.map(([columnName, type]): Column => ({ name: columnName, type })),
  sortKey,
  diff,
});

/** The position of each named column; throws on a name the entity does not have (a definition bug). */
export const columnIndexes = (entity: EntityDefinition, names: ReadonlyArray<string>): ReadonlyArray<number> =>
  names.map((name) => {
    const index = entity.columns.findIndex((column) => column.name === name);
    if (index < 0) throw new Error(`entity ${entity.name} has no column ${name}`);
    return index;
  });

/** The row as an object whose keys are the column names, in column order. */
export const rowToObject = (entity: EntityDefinition, row: Row): Record<string, Cell> => {
  const object: Record<string, Cell> = {};
  entity.columns.forEach((column, index) => {
    object[column.name] = row[index] ?? null;
  });
  return object;
};

/** A key component as compared: the cell's text, null as the empty string. */
export const keyPart = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell));

/** The sort key of a row, given the key columns' positions. */
export const keyOf = (row: Row, indexes: ReadonlyArray<number>): ReadonlyArray<string> =>
  indexes.map((index) => keyPart(row[index]));

/**
 * Compares two keys component by component, by UTF-16 code units (`<`), never by locale, so the
 * order is the same on every machine and runtime.
 */
export const compareKeys = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
};

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A timestamp as ISO-8601 UTC ending in `Z`. A value already in that form is kept as sent (no
 * precision is lost); one with an offset is converted through `Date`, one without a zone
 * designator is read as UTC (never as the machine's local time); one that is not a date at all
 * is kept as sent rather than dropped.
 */
export const utcTimestamp = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  if (UTC_ISO.test(value)) return value;
  const date = new Date(NO_ZONE.test(value) ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};
