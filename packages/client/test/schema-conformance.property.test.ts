/**
 * `conforms` lets the decoders skip Effect Schema for values it vouches for, so it must never
 * vouch for one Effect Schema would reject (else a deviation or a bad item would pass unseen),
 * and it must vouch for what the specs' own schemas accept (else it saves nothing). Checked on
 * every component schema of both specs, with values built from the schemas and then broken.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as TransactionLinkSchemas from '@rollcall/transactionlink-fetch/schemas';
import * as Arbitrary from 'effect/Arbitrary';
import * as Either from 'effect/Either';
import * as fc from 'effect/FastCheck';
import * as ParseResult from 'effect/ParseResult';
import * as Schema from 'effect/Schema';
import { describe, expect, it } from 'vitest';
import { conforms, type ExcessProperties } from '../src/internal/schema-conformance.js';
import { makeOpenApiSchemas } from '../src/openapi-schema.js';

const gitbookComponents = (
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@rollcall/gitbook-fetch/openapi.json'), 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  }
).components.schemas;

/** `FooSchema` exports of the generated `schemas.gen`, keyed by component name. */
const transactionLinkComponents = Object.fromEntries(
  Object.entries(TransactionLinkSchemas).map(([name, schema]) => [name.replace(/Schema$/, ''), schema]),
);

const specs = [
  { spec: 'TransactionLink', components: transactionLinkComponents as Record<string, unknown> },
  { spec: 'GitBook', components: gitbookComponents },
];

const decodes = (schema: Schema.Schema<unknown>, value: unknown, excess: ExcessProperties): boolean => {
  try {
    return Either.isRight(
      ParseResult.decodeUnknownEither(schema, {
        errors: 'all',
        onExcessProperty: excess === 'rejected' ? 'error' : 'preserve',
      })(value),
    );
  } catch {
    return false;
  }
};

const json: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constant([]),
  fc.constant({}),
);

/** `value` broken at one random place: a field removed, replaced by other JSON, or one added. */
const broken = (value: unknown, picks: ReadonlyArray<number>, replacement: unknown, kind: number): unknown => {
  if (typeof value !== 'object' || value === null) return replacement;
  const copy: Record<string, unknown> | Array<unknown> = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (keys.length === 0 || kind === 2) {
    (copy as Record<string, unknown>)[`undeclared${picks[0] ?? 0}`] = replacement;
    return copy;
  }
  const key = keys[(picks[0] ?? 0) % keys.length]!;
  const inner = (copy as Record<string, unknown>)[key];
  if (kind === 0) delete (copy as Record<string, unknown>)[key];
  else
    (copy as Record<string, unknown>)[key] =
      picks.length > 1 && typeof inner === 'object' && inner !== null
        ? broken(inner, picks.slice(1), replacement, kind)
        : replacement;
  return copy;
};

describe.each(specs)('conforms, on every component schema of the $spec spec', ({ components }) => {
  const schemas = makeOpenApiSchemas(components);
  const names = Object.keys(components);

  it.each(names)('%s: vouches for the values the schema generates', (name) => {
    const schema = schemas.named(name);
    fc.assert(
      fc.property(Arbitrary.make(schema), (value) => {
        expect(decodes(schema, value, 'allowed')).toBe(true);
        expect(conforms(schema, value, 'allowed')).toBe(true);
        expect(conforms(schema, value, 'rejected')).toBe(decodes(schema, value, 'rejected'));
      }),
      { numRuns: 30 },
    );
  });

  it.each(names)('%s: never vouches for a value Effect Schema rejects', (name) => {
    const schema = schemas.named(name);
    fc.assert(
      fc.property(
        Arbitrary.make(schema),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        json,
        fc.integer({ min: 0, max: 2 }),
        (value, picks, replacement, kind) => {
          const changed = broken(value, picks, replacement, kind);
          for (const excess of ['allowed', 'rejected'] as const) {
            if (conforms(schema, changed, excess)) expect(decodes(schema, changed, excess)).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('conforms, on what it does not model', () => {
  it('answers false for a transformation, even for a value that decodes', () => {
    const schema = Schema.NumberFromString as unknown as Schema.Schema<unknown>;
    expect(decodes(schema, '1', 'allowed')).toBe(true);
    expect(conforms(schema, '1', 'allowed')).toBe(false);
  });

  it('answers false, not throws, when a filter throws', () => {
    const schema = Schema.String.pipe(
      Schema.filter(() => {
        throw new Error('boom');
      }),
    );
    expect(conforms(schema, 'x', 'allowed')).toBe(false);
  });

  it('rejects undeclared properties only when asked to', () => {
    const schema = Schema.Struct({ id: Schema.String });
    expect(conforms(schema, { id: 'a', extra: 1 }, 'allowed')).toBe(true);
    expect(conforms(schema, { id: 'a', extra: 1 }, 'rejected')).toBe(false);
    expect(conforms(schema, { id: 'a' }, 'rejected')).toBe(true);
  });
});
