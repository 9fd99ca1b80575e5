/**
 * The `uuid` and `date-time` formats the OpenAPI schemas check: every response page checks them a
 * few hundred times, and they are most of the time it takes to check a page.
 */
import type * as FastCheck from 'effect/FastCheck';

/** What `uuid` accepts: 8-4-4-4-12 hexadecimal digits, in either case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 1 at the char codes of hexadecimal digits (either case), 0 below 128; a code past it reads as undefined. */
const HEX_DIGIT = new Uint8Array(128);
for (const digit of '0123456789abcdefABCDEF') HEX_DIGIT[digit.charCodeAt(0)] = 1;

/** 1 when the character at `index` is a hexadecimal digit, else 0. */
const hexAt = (value: string, index: number): number => HEX_DIGIT[value.charCodeAt(index)] ?? 0;

/**
 * Whether `value` matches {@link UUID}, in half the time the regular expression takes: the
 * dashes are where they must be and the 32 other characters are all hexadecimal digits.
 */
export const isUuid = (value: string): boolean =>
  value.length === 36 &&
  value.charCodeAt(8) === 45 &&
  value.charCodeAt(13) === 45 &&
  value.charCodeAt(18) === 45 &&
  value.charCodeAt(23) === 45 &&
  (hexAt(value, 0) &
    hexAt(value, 1) &
    hexAt(value, 2) &
    hexAt(value, 3) &
    hexAt(value, 4) &
    hexAt(value, 5) &
    hexAt(value, 6) &
    hexAt(value, 7) &
    hexAt(value, 9) &
    hexAt(value, 10) &
    hexAt(value, 11) &
    hexAt(value, 12) &
    hexAt(value, 14) &
    hexAt(value, 15) &
    hexAt(value, 16) &
    hexAt(value, 17) &
    hexAt(value, 19) &
    hexAt(value, 20) &
    hexAt(value, 21) &
    hexAt(value, 22) &
    hexAt(value, 24) &
    hexAt(value, 25) &
    hexAt(value, 26) &
    hexAt(value, 27) &
    hexAt(value, 28) &
    hexAt(value, 29) &
    hexAt(value, 30) &
    hexAt(value, 31) &
    hexAt(value, 32) &
    hexAt(value, 33) &
    hexAt(value, 34) &
    hexAt(value, 35)) ===
    1;

/** UUIDs in lower and upper case, as {@link UUID} accepts both; for property tests through `Arbitrary.make`. */
export const uuidArbitrary = (fc: Pick<typeof FastCheck, 'uuid' | 'boolean' | 'tuple'>): FastCheck.Arbitrary<string> =>
  fc.tuple(fc.uuid(), fc.boolean()).map(([uuid, upper]) => (upper ? uuid.toUpperCase() : uuid));

/** What `date-time` accepts: an ISO-8601 date and time, seconds, fraction and offset optional. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `YYYY-MM-DDTHH:MM:SS[.sss]Z` from year 1000, with a day every month has (1 to 28): the form
 * servers send, and one that every runtime's `Date.parse` reads, so it need not be parsed.
 */
const PLAIN_UTC = /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{3})?Z$/;

/** An ISO-8601 date-time (see {@link DATE_TIME}) that the runtime's `Date.parse` reads. */
export const isDateTime = (value: string): boolean =>
  PLAIN_UTC.test(value) || (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));

/**
 * Valid date-times in the forms {@link DATE_TIME} allows (UTC with and without fraction or
 * seconds, offsets with and without colon, lower case), for property tests through
 * `Arbitrary.make`.
 */
export const dateTimeArbitrary = (
  fc: Pick<typeof FastCheck, 'tuple' | 'date' | 'constantFrom'>,
): FastCheck.Arbitrary<string> =>
  fc
    .tuple(
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
      fc.constantFrom('iso', 'seconds', 'minutes', 'offset', 'compact-offset', 'lower-case'),
    )
    .map(([date, form]) => {
      const iso = date.toISOString();
      switch (form) {
        case 'seconds':
          return `${iso.slice(0, 19)}Z`;
        case 'minutes':
          return iso.slice(0, 16);
        case 'offset':
          return `${iso.slice(0, 19)}+02:00`;
        case 'compact-offset':
          return `${iso.slice(0, 23)}-0530`;
        case 'lower-case':
          return iso.toLowerCase();
        default:
          return iso;
      }
    });
