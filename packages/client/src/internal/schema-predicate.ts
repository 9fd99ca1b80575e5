/**
 * Plain JavaScript predicates compiled once from an Effect Schema's AST: `true` exactly when
 * decoding with `decodeOptions` (all errors, undeclared properties preserved) would succeed, but
 * without building a copy of the value or any issue. `validate` runs one first and decodes (for
 * the field-level issues) only when it fails.
 *
 * The walk mirrors effect's ParseResult for the nodes the OpenAPI schemas are made of; the
 * refinements (formats, patterns, lengths, integers, bounds) call the schema's own filters, so
 * the two cannot disagree on a constraint. A schema with any other node (a transformation, a
 * declaration, a parse-options annotation…) gets no predicate and is always decoded.
 */
import * as Option from 'effect/Option';
import * as AST from 'effect/SchemaAST';

/** Whether a value decodes. */
export type Predicate = (input: unknown) => boolean;

const hasOwn = (object: object, key: PropertyKey): boolean => Object.hasOwn(object, key);

const always: Predicate = () => true;

/** Decoding an empty struct (`{}`, `Schema.Struct({})`) accepts anything but null and undefined. */
const notNullish: Predicate = (input) => input !== null && input !== undefined;

class Unsupported extends Error {}

interface Context {
  readonly options: AST.ParseOptions;
  /** Nodes being compiled, for recursive schemas. */
  readonly pending: Map<AST.AST, { compiled?: Predicate }>;
}

const compileStruct = (ast: AST.TypeLiteral, context: Context): Predicate => {
  if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) return notNullish;
  const properties = ast.propertySignatures.map((signature) => ({
    name: signature.name,
    optional: signature.isOptional,
    check: compileNode(signature.type, context),
  }));
  const values = ast.indexSignatures.map((signature) => {
    // Other keys (symbols, template literals, refined strings) select keys; not needed here.
    if (signature.parameter._tag !== 'StringKeyword') throw new Unsupported();
    return compileNode(signature.type, context);
  });
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
    const record = input as Record<PropertyKey, unknown>;
    for (const { name, optional, check } of properties) {
      // As ParseResult does: a missing required key is checked as `record[name]` (undefined, or inherited).
      if (optional && !hasOwn(record, name)) continue;
      if (!check(record[name])) return false;
    }
    if (values.length > 0) {
      for (const key of Object.keys(record)) {
        for (const check of values) if (!check(record[key])) return false;
      }
    }
    return true;
  };
};

const compileArray = (ast: AST.TupleType, context: Context): Predicate => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Unsupported();
  const check = compileNode((ast.rest[0] as AST.Type).type, context);
  return (input) => {
    if (!Array.isArray(input)) return false;
    for (let i = 0; i < input.length; i++) if (!check(input[i])) return false;
    return true;
  };
};

const compileFresh = (ast: AST.AST, context: Context): Predicate => {
  // ParseResult applies these annotations around any node; such schemas are left to it.
  if (Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))) {
    throw new Unsupported();
  }
  switch (ast._tag) {
    case 'Literal': {
      const { literal } = ast;
      return (input) => input === literal;
    }
    case 'UndefinedKeyword':
      return (input) => input === undefined;
    case 'UnknownKeyword':
    case 'AnyKeyword':
      return always;
    case 'StringKeyword':
      return (input) => typeof input === 'string';
    case 'NumberKeyword':
      return (input) => typeof input === 'number';
    case 'BooleanKeyword':
      return (input) => typeof input === 'boolean';
    case 'Refinement': {
      const from = compileNode(ast.from, context);
      const refinement = ast;
      const { options } = context;
      return (input) => from(input) && Option.isNone(refinement.filter(input, options, refinement));
    }
    case 'TupleType':
      return compileArray(ast, context);
    case 'TypeLiteral':
      return compileStruct(ast, context);
    case 'Union': {
      const members = ast.types.map((member) => compileNode(member, context));
      return (input) => {
        for (const member of members) if (member(input)) return true;
        return false;
      };
    }
    case 'Suspend':
      return compileNode(ast.f(), context);
    default:
      throw new Unsupported();
  }
};

/** Compiles `ast`; a node met again while it is being compiled (a recursive schema) is called through a cell. */
const compileNode = (ast: AST.AST, context: Context): Predicate => {
  const pending = context.pending.get(ast);
  if (pending) return (input) => (pending.compiled as Predicate)(input);
  const cell: { compiled?: Predicate } = {};
  context.pending.set(ast, cell);
  try {
    cell.compiled = compileFresh(ast, context);
    return cell.compiled;
  } finally {
    context.pending.delete(ast);
  }
};

/**
 * The predicate of `ast` decoded with `options`, or `undefined` when the schema holds a node this
 * module does not mirror (then only decoding can tell).
 */
export const compilePredicate = (ast: AST.AST, options: AST.ParseOptions): Predicate | undefined => {
  try {
    return compileNode(ast, { options, pending: new Map() });
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
};
