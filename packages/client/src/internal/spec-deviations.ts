/**
 * The deviations of a value from an Effect Schema, read off Effect Schema's own issue tree: the
 * value is decoded with every error collected and undeclared properties reported, and each leaf
 * issue becomes one {@link Deviation}. A union that fails (a value none of its members accepts)
 * stands for the member the value comes closest to, the one with the fewest deviations among the
 * value's own fields (then in all): a space invite link whose `space` lacks `emoji` is reported
 * as that, not as an organization link without `role`.
 */
import * as ParseResult from 'effect/ParseResult';
import type * as Schema from 'effect/Schema';
import type * as AST from 'effect/SchemaAST';
import type { Deviation, DeviationKind } from '../core/deviation.js';
import { conforms } from './schema-conformance.js';

const OPTIONS: AST.ParseOptions = { errors: 'all', onExcessProperty: 'error' };

const MAX_VALUE_LENGTH = 64;

const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : value === undefined ? 'undefined' : typeof value;

/** Whether `ast` is an enum: a literal, or a union of literals only. */
const isEnum = (ast: AST.AST): boolean => ast._tag === 'Literal' || (ast._tag === 'Union' && ast.types.every(isEnum));

/** The first literal value of an enum, to tell an unknown value from a value of another type. */
const firstLiteral = (ast: AST.AST): unknown =>
  ast._tag === 'Literal'
    ? ast.literal
    : ast._tag === 'Union'
      ? ast.types.map(firstLiteral).find((literal) => literal !== null)
      : undefined;

const enumDeviation = (ast: AST.AST, actual: unknown, path: string): Deviation => {
  const sameType = typeof actual === typeof firstLiteral(ast) && actual !== null;
  return sameType
    ? { path, kind: 'unknown-value', value: String(actual).slice(0, MAX_VALUE_LENGTH) }
    : { path, kind: 'wrong-type', value: typeName(actual) };
};

const depth = (path: string): number => (path === '' ? 0 : path.split('.').length);

const leaf = (path: string, kind: DeviationKind, value: string): Deviation => ({ path, kind, value });

const collect = (issue: ParseResult.ParseIssue, path: ReadonlyArray<PropertyKey>, out: Array<Deviation>): void => {
  const at = () => path.map(String).join('.');
  switch (issue._tag) {
    case 'Pointer':
      collect(issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])], out);
      return;
    case 'Missing':
      out.push(leaf(at(), 'missing', ''));
      return;
    case 'Unexpected':
      out.push(leaf(at(), 'unknown-field', typeName(issue.actual)));
      return;
    case 'Type':
      out.push(
        isEnum(issue.ast)
          ? enumDeviation(issue.ast, issue.actual, at())
          : leaf(at(), 'wrong-type', typeName(issue.actual)),
      );
      return;
    case 'Forbidden':
      out.push(leaf(at(), 'wrong-type', typeName(issue.actual)));
      return;
    case 'Refinement':
      if (issue.kind === 'From') collect(issue.issue, path, out);
      else out.push(leaf(at(), 'invalid', (issue.issue._tag === 'Type' && issue.issue.message) || 'does not match'));
      return;
    case 'Transformation':
      collect(issue.issue, path, out);
      return;
    case 'Composite': {
      const issues = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue];
      if (issue.ast._tag !== 'Union') {
        for (const inner of issues) collect(inner, path, out);
        return;
      }
      if (isEnum(issue.ast)) {
        out.push(enumDeviation(issue.ast, issue.actual, at()));
        return;
      }
      // A member of another type altogether (null for an object, say) is the last resort.
      const sameType = issues.filter((member) => member._tag !== 'Type');
      if (sameType.length === 0) {
        out.push(leaf(at(), 'wrong-type', typeName(issue.actual)));
        return;
      }
      // Closest: the fewest deviations among the value's own fields, then the fewest in all.
      let closest: { readonly found: Array<Deviation>; readonly own: number } | undefined;
      for (const member of sameType) {
        const found: Array<Deviation> = [];
        collect(member, path, found);
        const own = found.filter((deviation) => depth(deviation.path) <= path.length + 1).length;
        if (
          closest === undefined ||
          own < closest.own ||
          (own === closest.own && found.length < closest.found.length)
        ) {
          closest = { found, own };
        }
      }
      out.push(...(closest?.found ?? []));
      return;
    }
  }
};

/** Every deviation of `value` from `schema`; `[]` when it decodes with no undeclared property. */
export const specDeviations = (schema: Schema.Schema<unknown>, value: unknown): ReadonlyArray<Deviation> => {
  if (conforms(schema, value, 'rejected')) return [];
  let result: ReturnType<ReturnType<typeof ParseResult.decodeUnknownEither>>;
  try {
    result = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown>, OPTIONS)(value);
  } catch {
    // A value the decoder throws on (see openapi-schema's validate): it does not decode at all.
    return [leaf('', 'wrong-type', typeName(value))];
  }
  if (result._tag === 'Right') return [];
  const out: Array<Deviation> = [];
  collect(result.left, [], out);
  return out;
};
