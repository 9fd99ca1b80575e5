import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleSections } from '../lib/bundle.js';
import { mergeDocuments } from '../lib/merge.js';
import {
  type JsonObject,
  jsonEqual,
  type OpenApiDoc,
  operationsOf,
  RECONSTRUCTED,
  SpecError,
  schemasOf,
  serializeSpec,
} from '../lib/openapi.js';
import { keepReconstruction } from '../lib/reconstruction.js';

const name = fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta');
const property = fc.record({
  type: fc.constantFrom('string', 'integer', 'boolean'),
  description: fc.constantFrom('one', 'two', 'three'),
});
const schema: fc.Arbitrary<JsonObject> = fc
  .dictionary(fc.constantFrom('id', 'email', 'status', 'title', 'count'), property, { minKeys: 1 })
  .chain((properties) =>
    fc.subarray(Object.keys(properties)).map((required) => ({ type: 'object', required, properties }) as JsonObject),
  );
const schemas = fc.dictionary(name, schema, { minKeys: 1, maxKeys: 4 });

/** A spec whose operations each reference one of its schemas. */
const spec: fc.Arbitrary<OpenApiDoc> = schemas.chain((defined) =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom('/a', '/b', '/c/{id}', '/d'), fc.constantFrom('get', 'post', 'put')), {
      minLength: 1,
      maxLength: 6,
      selector: ([path, method]) => `${method} ${path}`,
    })
    .chain((operations) =>
      fc.tuple(...operations.map(() => fc.constantFrom(...Object.keys(defined)))).map((targets) => {
        const paths: Record<string, JsonObject> = {};
        operations.forEach(([path, method], i) => {
          const item = (paths[path] ??= {});
          item[method] = {
            operationId: `${method}${path.replace(/\W/g, '')}`,
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: `#/components/schemas/${targets[i]}` } } },
              },
            },
          };
        });
        return {
          openapi: '3.0.1',
          info: { title: 'T', version: 'v3' },
          paths,
          components: { schemas: defined },
        } as OpenApiDoc;
      }),
    ),
);

/** The vendor's page: one fragment per operation, each carrying every schema (as the vendor does). */
const fragmentsOf = (doc: OpenApiDoc): OpenApiDoc[] =>
  operationsOf(doc).map(({ path, method, operation }) => ({
    openapi: doc.openapi,
    info: doc.info,
    paths: { [path]: { [method]: operation } },
    components: { schemas: structuredClone(schemasOf(doc)) },
  }));

const asSources = (fragments: OpenApiDoc[]) =>
  fragments.map((doc, i) => ({ section: 'section', operation: `op${i}`, doc }));

describe('merging spec fragments (properties)', () => {
  it('rebuilds the document from its fragments, in any order', () => {
    fc.assert(
      fc.property(
        spec.chain((doc) =>
          fc.shuffledSubarray(fragmentsOf(doc), { minLength: fragmentsOf(doc).length }).map((f) => [doc, f] as const),
        ),
        ([doc, fragments]) => {
          const merged = mergeDocuments(asSources(fragments));
          expect(jsonEqual(merged.paths, doc.paths)).toBe(true);
          expect(jsonEqual(schemasOf(merged), schemasOf(doc))).toBe(true);
        },
      ),
    );
  });

  it('rejects any fragment whose copy of a shared schema differs, naming it', () => {
    fc.assert(
      fc.property(
        spec.filter((doc) => operationsOf(doc).length >= 2),
        fc.nat(),
        (doc, pick) => {
          const fragments = fragmentsOf(doc);
          const victim = 1 + (pick % (fragments.length - 1));
          const copy = schemasOf(fragments[victim] as OpenApiDoc);
          const [schemaName] = Object.keys(copy);
          (copy[schemaName as string] as JsonObject).description = 'changed by the vendor in one place only';
          let error: unknown;
          try {
            mergeDocuments(asSources(fragments));
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(SpecError);
          expect((error as SpecError).operation).toBe(`op${victim}`);
          expect((error as SpecError).message).toContain(
            `schema ${schemaName} conflicts with the definition from operation op0`,
          );
        },
      ),
    );
  });

  it('bundles sections to the same bytes whatever their order', () => {
    fc.assert(
      fc.property(
        spec.chain((doc) => {
          const sections = fragmentsOf(doc).map((fragment, i) => ({ section: `s${i}`, doc: fragment }));
          return fc
            .shuffledSubarray(sections, { minLength: sections.length })
            .map((shuffled) => [sections, shuffled] as const);
        }),
        ([sections, shuffled]) => {
          expect(serializeSpec(bundleSections(shuffled))).toBe(serializeSpec(bundleSections(sections)));
        },
      ),
    );
  });

  it('keeps the vendor in charge: every vendor definition survives a reconstruction overlay unchanged', () => {
    fc.assert(
      fc.property(spec, schemas, (vendor, ours) => {
        const reconstruction: OpenApiDoc = {
          ...structuredClone(vendor),
          components: {
            schemas: Object.fromEntries(
              Object.entries(ours).map(([n, s]) => [
                n,
                {
                  ...s,
                  properties: { ...(s.properties as JsonObject), extra: { type: 'string', [RECONSTRUCTED]: true } },
                },
              ]),
            ),
          },
        };
        const result = keepReconstruction(vendor, reconstruction);
        const resultSchemas = schemasOf(result);
        for (const [schemaName, vendorSchema] of Object.entries(schemasOf(vendor))) {
          const kept = structuredClone(resultSchemas[schemaName]) as JsonObject;
          const keptProperties = kept.properties as JsonObject;
          // Our reconstructed property rides along, marked; everything else is the vendor's.
          if (schemaName in ours) expect((keptProperties.extra as JsonObject)[RECONSTRUCTED]).toBe(true);
          delete keptProperties.extra;
          expect(kept).toEqual(vendorSchema);
        }
        expect(jsonEqual(keepReconstruction(vendor, result), result)).toBe(true);
      }),
    );
  });
});
