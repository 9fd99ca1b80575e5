/** Applies the drift config in force to the bodies of 2xx API answers (see drift-config). */
import type { DriftConfig, DriftEdit, DriftRule, DriftWhere } from './drift-config.js';

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const matches = (rule: DriftRule, method: string, path: string): boolean => {
  const { match } = rule;
  return (
    (match.method === undefined || match.method.toUpperCase() === method) &&
    (match.path === undefined || match.path === path) &&
    (match.pathPrefix === undefined || path.startsWith(match.pathPrefix)) &&
    (match.pathSuffix === undefined || path.endsWith(match.pathSuffix))
  );
};

const children = (value: Json, segment: string): ReadonlyArray<Json> => {
  if (segment === '*') return Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
  if (Array.isArray(value))
    return /^\d+$/.test(segment) && Number(segment) < value.length ? [value[Number(segment)]] : [];
  return isObject(value) && Object.hasOwn(value, segment) ? [value[segment]] : [];
};

/** The objects holding the field `at` names (its parents), in `body`. */
const parentsOf = (body: Json, at: string): { readonly parents: ReadonlyArray<Json>; readonly field: string } => {
  const segments = at.split('.');
  const field = segments.pop()!;
  let level: ReadonlyArray<Json> = [body];
  for (const segment of segments) level = level.flatMap((value) => children(value, segment));
  return { parents: level, field };
};

const fits = (parent: Record<string, Json>, where: DriftWhere | undefined): boolean =>
  where === undefined || Object.entries(where).every(([key, value]) => parent[key] === value);

const apply = (body: Json, edit: DriftEdit): void => {
  const { parents, field } = parentsOf(body, edit.at);
  for (const parent of parents) {
    if (!isObject(parent) || !fits(parent, edit.where)) continue;
    switch (edit.op) {
      case 'set':
        parent[field] = structuredClone(edit.value);
        break;
      case 'remove':
        delete parent[field];
        break;
      case 'pick': {
        const target = parent[field];
        if (isObject(target)) {
          parent[field] = Object.fromEntries(
            edit.keep.filter((key) => Object.hasOwn(target, key)).map((key) => [key, target[key]]),
          );
        }
        break;
      }
    }
  }
};

/** The drift config in force, and its application to answers. */
export class DriftSwitch {
  constructor(private config: DriftConfig = {}) {}

  set(config: DriftConfig): void {
    this.config = config;
  }

  current(): DriftConfig {
    return this.config;
  }

  /**
   * `body` with the edits of every rule matching `method` and `path`, in a copy (answers may
   * share objects with the sandbox's state); `body` itself when none matches.
   */
  apply(method: string, path: string, body: Json): Json {
    const rules = (this.config.rules ?? []).filter((rule) => matches(rule, method, path));
    if (rules.length === 0 || body === undefined) return body;
    const copy = structuredClone(body);
    for (const rule of rules) for (const edit of rule.edits) apply(copy, edit);
    return copy;
  }
}
