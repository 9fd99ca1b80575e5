/**
 * The `uuid` format is checked character by character rather than with its regular expression
 * (twice as fast on a page of users); the two must accept exactly the same strings.
 */
import * as fc from 'effect/FastCheck';
import { describe, expect, it } from 'vitest';
import { isUuid, UUID } from '../src/internal/string-formats.js';

/** `uuid` with the character at `index` replaced by `character`. */
const replaced = (uuid: string, index: number, character: string) =>
  `${uuid.slice(0, index % uuid.length)}${character}${uuid.slice((index % uuid.length) + 1)}`;

describe('isUuid', () => {
  it('agrees with the UUID pattern on UUIDs in either case', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
        const value = upper ? uuid.toUpperCase() : uuid;
        expect(isUuid(value)).toBe(true);
        expect(UUID.test(value)).toBe(true);
      }),
    );
  });

  it('agrees with the UUID pattern on UUIDs with one character changed, added or removed', () => {
    const character = fc.oneof(
      fc.constantFrom('-', 'g', 'G', 'z', '/', ':', '@', '`', '{', ' ', '\u0131', '\u212a', '\uff10', '\u0660', ''),
      fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.uuid(), fc.nat(), character, fc.boolean(), (uuid, index, replacement, insert) => {
        const at = index % (uuid.length + 1);
        const value = insert
          ? `${uuid.slice(0, at)}${replacement}${uuid.slice(at)}`
          : replaced(uuid, index, replacement);
        expect(isUuid(value)).toBe(UUID.test(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the UUID pattern on arbitrary strings of 36 characters and others', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ minLength: 36, maxLength: 36, unit: 'binary' }), fc.string(), fc.hexaString()),
        (value) => {
          expect(isUuid(value)).toBe(UUID.test(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
