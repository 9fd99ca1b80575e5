/**
 * A cheap "yes" to "does this value decode against this Effect Schema without any issue?",
 * built once per schema from its AST as plain closures (no generated source). Decoding with
 * Effect Schema allocates an Either per field and an output copy per object; over an export's
 * tens of thousands of items that was most of its CPU and garbage, though nearly every item
 * conforms. So the decoders ask this first and run Effect Schema only on what it does not vouch
 * for, which keeps every issue, message and deviation Effect Schema's own.
 *
 * Sound, not complete: `true` only when Effect Schema would decode the value with no issue, and
 * only for schemas without transformations, whose decoded value holds the same fields as the
 * input. `false` means "decode to find out": the nodes it does not model (transformations,
 * declarations, template literals, tuples with fixed elements) always answer `false`.
 */
import * as Option from 'effect/Option';
import type * as AST from 'effect/SchemaAST';
import type { ParseOptions } from 'effect/SchemaAST';
import { isRecord } from '../core/internal/protocol.js';

/** Whether a property the schema does not declare makes the value not conform (`onExcessProperty: 'error'`). */
export type ExcessProperties = 'allowed' | 'rejected';

type Check = (value: unknown) => boolean;

const FILTER_OPTIONS: ParseOptions = { errors: 'first' };

const cache: Record<ExcessProperties, WeakMap<AST.AST, Check>> = {
  allowed: new WeakMap(),
  rejected: new WeakMap(),
};

const nothing: Check = () => false;
const anything: Check = () => true;

const typeLiteral = (ast: AST.TypeLiteral, excess: ExcessProperties): Check => {
  const properties: Array<{ readonly name: string; readonly optional: boolean; readonly check: Check }> = [];
  for (const signature of ast.propertySignatures) {
    if (typeof signature.name !== 'string') return nothing;
    properties.push({ name: signature.name, optional: signature.isOptional, check: compile(signature.type, excess) });
  }
  const indexChecks: Array<Check> = [];
  for (const signature of ast.indexSignatures) {
    // Only string keys: what a JSON object has. Effect checks every key against them, declared or not.
    if (signature.parameter._tag !== 'StringKeyword') return nothing;
    indexChecks.push(compile(signature.type, excess));
  }
  const declared = new Set(properties.map((property) => property.name));
  const rejectsUndeclared = excess === 'rejected' && indexChecks.length === 0;
  return (value) => {
    if (!isRecord(value)) return false;
    for (const property of properties) {
      // A missing required key is an issue only under `exact`; calling it one here is merely conservative.
      if (!Object.hasOwn(value, property.name)) {
        if (property.optional) continue;
        return false;
      }
      if (!property.check(value[property.name])) return false;
    }
    if (rejectsUndeclared || indexChecks.length > 0) {
      for (const key of Object.keys(value)) {
        if (rejectsUndeclared && !declared.has(key)) return false;
        for (const check of indexChecks) if (!check(value[key])) return false;
      }
      if (rejectsUndeclared && Object.getOwnPropertySymbols(value).length > 0) return false;
    }
    return true;
  };
};

const build = (ast: AST.AST, excess: ExcessProperties): Check => {
  switch (ast._tag) {
    case 'StringKeyword':
      return (value) => typeof value === 'string';
    case 'NumberKeyword':
      return (value) => typeof value === 'number';
    case 'BooleanKeyword':
      return (value) => typeof value === 'boolean';
    case 'UnknownKeyword':
    case 'AnyKeyword':
      return anything;
    case 'UndefinedKeyword':
      return (value) => value === undefined;
    case 'Literal': {
      const { literal } = ast;
      return (value) => value === literal;
    }
    case 'Enums': {
      const values = ast.enums.map(([, value]) => value);
      return (value) => values.includes(value as string | number);
    }
    case 'Refinement': {
      const from = compile(ast.from, excess);
      return (value) => from(value) && Option.isNone(ast.filter(value, FILTER_OPTIONS, ast));
    }
    case 'Union': {
      // Effect decodes a union as its first member that decodes; any member that conforms will.
      const members = ast.types.map((member) => compile(member, excess));
      return (value) => {
        for (const member of members) if (member(value)) return true;
        return false;
      };
    }
    case 'TupleType': {
      const [rest, ...more] = ast.rest;
      if (ast.elements.length > 0 || rest === undefined || more.length > 0) return nothing;
      const item = compile(rest.type, excess);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (const element of value) if (!item(element)) return false;
        return true;
      };
    }
    case 'TypeLiteral':
      return typeLiteral(ast, excess);
    case 'Suspend': {
      let inner: Check | undefined;
      return (value) => (inner ??= compile(ast.f(), excess))(value);
    }
    default:
      return nothing;
  }
};

const compile = (ast: AST.AST, excess: ExcessProperties): Check => {
  const known = cache[excess].get(ast);
  if (known) return known;
  const check = build(ast, excess);
  cache[excess].set(ast, check);
  return check;
};

/**
 * `true` when `value` certainly decodes against `schema` with no issue (see the module's
 * description); with `excess: 'rejected'`, also with no undeclared property.
 */
export const conforms = (schema: { readonly ast: AST.AST }, value: unknown, excess: ExcessProperties): boolean => {
  try {
    return compile(schema.ast, excess)(value);
  } catch {
    // A filter that throws on odd input: let the decoder say what is wrong.
    return false;
  }
};
