/**
 * The deviations from the API's spec that an export tolerated, counted per entity, path, kind
 * and value: `invite-links: space.emoji missing ×37`. A path is taken relative to the list item
 * (`items.3.space.emoji` → `space.emoji`), deeper array positions become `*`, so one field is one
 * count however many rows carry it.
 */
import type { SpecDeviation } from '../source.js';

/** One counted deviation, as the manifest lists it. */
export interface CountedDeviation extends SpecDeviation {
  readonly entity: string;
  readonly count: number;
}

/** `items.3.space.emoji` → `space.emoji`; `3.role.type` → `role.type`; `next.page` stays. */
export const itemPath = (path: string): string => {
  const segments = path === '' ? [] : path.split('.');
  const first = segments.findIndex((segment) => /^\d+$/.test(segment));
  const rest = first < 0 ? segments : segments.slice(first + 1);
  return rest.map((segment) => (/^\d+$/.test(segment) ? '*' : segment)).join('.') || '(the item)';
};

/** A counted deviation as a sentence, with its count when given. */
export const describeDeviation = (deviation: SpecDeviation & { readonly entity: string }, count?: number): string => {
  const times = count === undefined ? '' : ` ×${count}`;
  const { entity, path, value } = deviation;
  switch (deviation.kind) {
    case 'missing':
      return `${entity}: ${path} missing${times}`;
    case 'unknown-value':
      return `${entity}: ${path}: unknown value ${value}${times}`;
    case 'unknown-field':
      return `${entity}: ${path}: unknown field (${value})${times}`;
    case 'wrong-type':
      return `${entity}: ${path}: not of the spec's type (${value})${times}`;
    case 'invalid':
      return `${entity}: ${path}: ${value}${times}`;
  }
};

/** Counts deviations; tells the first of each kind at each path once, through `onFirst`. */
export class DeviationTally {
  private readonly counts = new Map<string, { deviation: SpecDeviation & { entity: string }; count: number }>();

  constructor(private readonly onFirst: (deviation: SpecDeviation & { readonly entity: string }) => void) {}

  add(entity: string, deviations: ReadonlyArray<SpecDeviation>): void {
    for (const { path, kind, value } of deviations) {
      const deviation = { entity, path: itemPath(path), kind, value };
      const key = JSON.stringify([entity, deviation.path, kind, value]);
      const counted = this.counts.get(key);
      if (counted !== undefined) {
        counted.count++;
        continue;
      }
      this.counts.set(key, { deviation, count: 1 });
      this.onFirst(deviation);
    }
  }

  /** Forgets `entity`'s counts: it is fetched again from scratch. */
  reset(entity: string): void {
    for (const [key, { deviation }] of this.counts) if (deviation.entity === entity) this.counts.delete(key);
  }

  /** Every count, in the order of `entities`, then by path, kind and value: the same data gives the same list. */
  counted(entities: ReadonlyArray<string>): ReadonlyArray<CountedDeviation> {
    const order = (entity: string) => entities.indexOf(entity);
    const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.counts.values()]
      .map(({ deviation, count }) => ({ ...deviation, count }))
      .sort(
        (a, b) =>
          order(a.entity) - order(b.entity) || text(a.path, b.path) || text(a.kind, b.kind) || text(a.value, b.value),
      );
  }
}
