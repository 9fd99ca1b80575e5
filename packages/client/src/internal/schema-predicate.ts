/**
 * Plain JavaScript predicates compiled once from an Effect Schema's AST: `true` exactly when
 * decoding with `decodeOptions` (all errors, undeclared properties preserved) would succeed, but
 * without building a copy of the value or any issue. `validate` runs one first and decodes (for
 * the field-level issues) only when it fails.
 *
 * The walk mirrors effect's ParseResult for the nodes the OpenAPI schemas are made of; the
 * refinements (formats, patterns, lengths, integers, bounds) call the schema's own filters, or the
 * very predicate a filter is written with when the schema says so (see
 * {@link PredicateAnnotationId}), so the two cannot disagree on a constraint. A schema with any
 * other node (a transformation, a declaration, a parse-options annotation…) gets no predicate and
 * is always decoded.
 *
 * The predicate is generated as JavaScript source and compiled with `new Function`: property
 * reads by literal name (`value["id"]`) stay monomorphic, where a generic walk reads every
 * property through one megamorphic `record[name]`; on a page of 100 users that is half the time.
 * Where the runtime forbids compiling code (a Content-Security-Policy), there is no predicate and
 * every response is decoded.
 */
import * as Option from 'effect/Option';
import * as AST from 'effect/SchemaAST';

/** Whether a value decodes. */
export type Predicate = (input: unknown) => boolean;

/**
 * Annotation of a refinement whose filter fails exactly when this predicate returns `false`,
 * e.g. `Schema.filter((s) => isUuid(s) || 'must be a UUID', { [PredicateAnnotationId]: isUuid })`:
 * the compiled predicate calls it directly instead of the filter and its `Option` result.
 */
export const PredicateAnnotationId: unique symbol = Symbol.for('@rollcall/client/PredicateAnnotation');

class Unsupported extends Error {}

/** Collects the functions and constants of one schema's predicate while its AST is walked. */
class Compiler {
  /** Values the generated source refers to as `k[i]`. */
  private readonly constants: Array<unknown> = [];
  /** Generated function declarations, one per struct, array or recursive node. */
  private readonly functions: Array<string> = [];
  /** The function compiled (or being compiled) for a node; recursive schemas call it by name. */
  private readonly named = new Map<AST.AST, string>();

  constructor(private readonly options: AST.ParseOptions) {}

  /** A factory taking the constants and returning the predicate of `ast`. */
  source(ast: AST.AST): string {
    const root = this.functionOf(ast);
    return `"use strict";\n${this.functions.join('\n')}\nreturn ${root};`;
  }

  get values(): ReadonlyArray<unknown> {
    return this.constants;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  /** The name of a function `(v) => boolean` for `ast`, declared once. */
  private functionOf(ast: AST.AST): string {
    const existing = this.named.get(ast);
    if (existing) return existing;
    const name = `f${this.named.size}`;
    this.named.set(ast, name);
    this.functions.push(`function ${name}(v) {\n${this.body(ast)}\n}`);
    return name;
  }

  /** Statements of a function of `v` that returns whether `ast` accepts it. */
  private body(ast: AST.AST): string {
    switch (ast._tag) {
      case 'TypeLiteral':
        return this.struct(ast);
      case 'TupleType':
        return this.array(ast);
      default:
        return `return ${this.test(ast, 'v')};`;
    }
  }

  /** A boolean expression: whether `ast` accepts the value of the variable `v`. */
  private test(ast: AST.AST, v: string): string {
    // ParseResult applies these annotations around any node; such schemas are left to it.
    if (Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))) {
      throw new Unsupported();
    }
    switch (ast._tag) {
      case 'Literal':
        return `${v} === ${this.literal(ast.literal)}`;
      case 'UndefinedKeyword':
        return `${v} === undefined`;
      case 'UnknownKeyword':
      case 'AnyKeyword':
        return 'true';
      case 'StringKeyword':
        return `typeof ${v} === "string"`;
      case 'NumberKeyword':
        return `typeof ${v} === "number"`;
      case 'BooleanKeyword':
        return `typeof ${v} === "boolean"`;
      case 'Refinement':
        return `(${this.test(ast.from, v)} && ${this.refinement(ast)}(${v}))`;
      case 'Union': {
        if (ast.types.length === 0) return 'false';
        const keys = discriminatorKeys(ast.types);
        const members = ast.types.map((member, index) => {
          const key = keys[index];
          // A tagged member is only tried when its tag is an own property (see discriminatorKeys).
          return key === undefined
            ? this.test(member, v)
            : `(${this.test(member, v)} && Object.hasOwn(${v}, ${this.key(key)}))`;
        });
        const tagKeys = [...new Set(keys.filter((key) => key !== undefined))];
        if (tagKeys.length === 0) return `(${members.join(' || ')})`;
        // ParseResult reads every own tag as a string first (and throws where that throws): so does this.
        const readTags = this.constant((input: unknown) => {
          if (typeof input !== 'object' || input === null) return;
          for (const key of tagKeys)
            if (Object.hasOwn(input, key)) String((input as Record<PropertyKey, unknown>)[key]);
        });
        return `(${readTags}(${v}), (${members.join(' || ')}))`;
      }
      case 'TupleType':
      case 'TypeLiteral':
        return `${this.functionOf(ast)}(${v})`;
      case 'Suspend':
        // Through a function: the schema may lead back here.
        return `${this.functionOf(ast.f())}(${v})`;
      default:
        throw new Unsupported();
    }
  }

  /** `literal` as source: strings, null, booleans and finite numbers as written, anything else as a constant. */
  private literal(literal: AST.LiteralValue): string {
    if (typeof literal === 'string') return JSON.stringify(literal);
    if (literal === null || typeof literal === 'boolean') return String(literal);
    if (typeof literal === 'number' && Number.isFinite(literal)) return String(literal);
    return this.constant(literal);
  }

  /** A constant `(value) => boolean` for a refinement's own check, the value being of its `from` type. */
  private refinement(ast: AST.Refinement): string {
    const predicate = ast.annotations[PredicateAnnotationId];
    if (typeof predicate === 'function') return this.constant(predicate);
    const { options } = this;
    return this.constant((input: unknown) => Option.isNone(ast.filter(input, options, ast)));
  }

  /** A property key as source: a string as written, a number or symbol as a constant. */
  private key(name: PropertyKey): string {
    return typeof name === 'string' ? JSON.stringify(name) : this.constant(name);
  }

  private struct(ast: AST.TypeLiteral): string {
    if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
      // Decoding an empty struct (`{}`, `Schema.Struct({})`) accepts anything but null and undefined.
      return 'return v !== null && v !== undefined;';
    }
    const lines = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return false;'];
    for (const signature of ast.propertySignatures) {
      const key = this.key(signature.name);
      const accepts = this.test(signature.type, 'p');
      lines.push(
        signature.isOptional
          ? // Checked only when it is an own property, as ParseResult does; asking only when the
            // value would fail spares the lookup for the values that pass (nearly all of them).
            `{ const p = v[${key}]; if (!(${accepts}) && Object.hasOwn(v, ${key})) return false; }`
          : // As ParseResult does: a missing required key is checked as `v[key]` (undefined, or inherited).
            `{ const p = v[${key}]; if (!(${accepts})) return false; }`,
      );
    }
    if (ast.indexSignatures.length > 0) {
      const checks = ast.indexSignatures.map((signature) => {
        // Other keys (symbols, template literals, refined strings) select keys; not needed here.
        if (signature.parameter._tag !== 'StringKeyword') throw new Unsupported();
        return `if (!(${this.test(signature.type, 'p')})) return false;`;
      });
      lines.push(`for (const key of Object.keys(v)) { const p = v[key]; ${checks.join(' ')} }`);
    }
    lines.push('return true;');
    return lines.join('\n');
  }

  private array(ast: AST.TupleType): string {
    if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Unsupported();
    const item = (ast.rest[0] as AST.Type).type;
    return [
      'if (!Array.isArray(v)) return false;',
      `for (let i = 0; i < v.length; i++) { const e = v[i]; if (!(${this.test(item, 'e')})) return false; }`,
      'return true;',
    ].join('\n');
  }
}

/** The required properties of `ast` whose type is a literal: the tags a union tells its members apart by. */
const tagsOf = (ast: AST.AST): ReadonlyArray<readonly [PropertyKey, AST.Literal]> => {
  switch (ast._tag) {
    case 'TypeLiteral':
      return ast.propertySignatures.flatMap((signature) => {
        const type = AST.encodedAST(signature.type);
        return AST.isLiteral(type) && !signature.isOptional ? [[signature.name, type] as const] : [];
      });
    case 'Refinement':
      return tagsOf(ast.from);
    case 'Suspend':
      return tagsOf(ast.f());
    default:
      return [];
  }
};

/**
 * For each member of a union, the key ParseResult files it under, or `undefined` for a member with
 * no tag. Decoding a union only tries a tagged member when the input has that key as an own
 * property (with the member's tag as its value, which the member checks anyway); untagged members
 * are always tried. This mirrors the search tree ParseResult builds: a member goes under its
 * first tag whose value no earlier member has taken, or else under its last tag.
 */
const discriminatorKeys = (members: ReadonlyArray<AST.AST>): ReadonlyArray<PropertyKey | undefined> => {
  const taken = new Map<PropertyKey, Set<string>>();
  return members.map((member) => {
    const tags = tagsOf(member);
    for (let index = 0; index < tags.length; index++) {
      const [key, literal] = tags[index] as readonly [PropertyKey, AST.Literal];
      const values = taken.get(key) ?? new Set<string>();
      taken.set(key, values);
      const value = String(literal.literal);
      if (!values.has(value)) {
        values.add(value);
        return key;
      }
      if (index === tags.length - 1) return key;
    }
    return undefined;
  });
};

/** Compiles generated source, or `undefined` where the runtime forbids it. */
const compileSource = (source: string, constants: ReadonlyArray<unknown>): Predicate | undefined => {
  let factory: (k: ReadonlyArray<unknown>) => Predicate;
  try {
    factory = new Function('k', source) as typeof factory;
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
  return factory(constants);
};

/**
 * The predicate of `ast` decoded with `options`, or `undefined` when the schema holds a node this
 * module does not mirror, or the runtime cannot compile code (then only decoding can tell).
 */
export const compilePredicate = (ast: AST.AST, options: AST.ParseOptions): Predicate | undefined => {
  const compiler = new Compiler(options);
  let source: string;
  try {
    source = compiler.source(ast);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return compileSource(source, compiler.values);
};
