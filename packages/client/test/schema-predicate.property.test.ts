/**
 * `validate` skips decoding when a predicate compiled from the schema accepts the value. That
 * shortcut is only sound if the predicate and Effect's decoder agree on every value: these
 * properties hold them to it, on every response schema of both APIs, for valid values, for valid
 * values with one node replaced by junk or one key removed, and for objects whose properties are
 * inherited rather than their own.
 */
import * as GitBookSchemas from '@rollcall/gitbook-fetch/schemas';
import * as TransactionLinkSchemas from '@rollcall/transactionlink-fetch/schemas';
import * as Arbitrary from 'effect/Arbitrary';
import * as Either from 'effect/Either';
import * as fc from 'effect/FastCheck';
import * as Schema from 'effect/Schema';
import { describe, expect, it } from 'vitest';
import { responseSchemas } from '../src/gitbook/schemas.js';
import { compilePredicate } from '../src/internal/schema-predicate.js';
import { decodeOptions, makeOpenApiSchemas } from '../src/openapi-schema.js';

const componentsOf = (module: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(module).map(([name, schema]) => [name.replace(/Schema$/, ''), schema]));

const transactionLink = makeOpenApiSchemas(componentsOf(TransactionLinkSchemas));
const gitBook = makeOpenApiSchemas(componentsOf(GitBookSchemas));

const cases: Array<[string, Schema.Schema<unknown>]> = [
  ...Object.keys(componentsOf(TransactionLinkSchemas)).map((name): [string, Schema.Schema<unknown>] => [
    `TransactionLink ${name}`,
    transactionLink.named(name),
  ]),
  ...Object.keys(componentsOf(GitBookSchemas)).map((name): [string, Schema.Schema<unknown>] => [
    `GitBook ${name}`,
    gitBook.named(name),
  ]),
  ...Object.entries(responseSchemas()).map(([name, schema]): [string, Schema.Schema<unknown>] => [
    `GitBook response ${name}`,
    schema,
  ]),
];

/** `value` with the node reached by `steps` replaced by `junk`, or (when `remove`) deleted from its parent. */
const mutate = (value: unknown, steps: ReadonlyArray<number>, junk: unknown, remove: boolean): unknown => {
  const [step, ...rest] = steps;
  const children = Array.isArray(value)
    ? value.map((_, i) => i)
    : typeof value === 'object' && value !== null
      ? Object.keys(value)
      : [];
  if (step === undefined || children.length === 0) return junk;
  const key = children[step % children.length] as string | number;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[key as number] = mutate(copy[key as number], rest, junk, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (remove && rest.length === 0) delete copy[key];
  else copy[key] = mutate(copy[key], rest, junk, remove);
  return copy;
};

const junk = fc.oneof(
  fc.anything(),
  fc.constantFrom(null, undefined, '', 'not-a-uuid', '2024-13-45T99:99:99Z', 1.5, -1, [], {}),
);

describe.each(cases)('the compiled predicate of %s', (_name, schema) => {
  const compiled = compilePredicate(schema.ast, decodeOptions);
  // `validate` takes a predicate that throws for a rejection, as it does a decoder that throws.
  const predicate = compiled
    ? (value: unknown) => {
        try {
          return compiled(value);
        } catch {
          return false;
        }
      }
    : undefined;
  // Effect's decoder throws on a few malformed values (a union discriminator that cannot become a
  // string); `validate` reports those as not decoding, so the predicate must reject them too.
  const decodes = (value: unknown) => {
    try {
      return Either.isRight(Schema.decodeUnknownEither(schema, decodeOptions)(value));
    } catch {
      return false;
    }
  };

  /** Valid values with one node replaced by junk or one key removed. */
  const spoiledValues = fc
    .tuple(Arbitrary.make(schema), fc.array(fc.nat(), { maxLength: 5 }), junk, fc.boolean())
    .map(([value, steps, replacement, remove]) => mutate(value, steps, replacement, remove));

  it('exists, so valid responses skip decoding', () => {
    expect(predicate).toBeTypeOf('function');
  });

  it('accepts every value the schema generates', () => {
    fc.assert(
      fc.property(Arbitrary.make(schema), (value) => {
        expect(decodes(value)).toBe(true);
        expect(predicate?.(value)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with decoding on values with one node spoiled', () => {
    fc.assert(
      fc.property(spoiledValues, (spoiled) => {
        expect(predicate?.(spoiled)).toBe(decodes(spoiled));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with decoding on objects that inherit some of their properties', () => {
    fc.assert(
      fc.property(spoiledValues, (spoiled) => {
        if (typeof spoiled !== 'object' || spoiled === null || Array.isArray(spoiled)) return;
        // Own properties become inherited ones: decoding reads optional properties only when own.
        const inheriting = Object.create(spoiled as object) as object;
        expect(predicate?.(inheriting)).toBe(decodes(inheriting));
        const half = Object.create(spoiled as object) as Record<string, unknown>;
        for (const [key, item] of Object.entries(spoiled).filter((_, index) => index % 2 === 0)) half[key] = item;
        expect(predicate?.(half)).toBe(decodes(half));
      }),
      { numRuns: 100 },
    );
  });
});
