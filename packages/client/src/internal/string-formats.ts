/**
 * The `date-time` format the OpenAPI schemas check: every response page checks it a few hundred
 * times, and `Date.parse` is the costliest step of checking a page.
 */
import type * as FastCheck from 'effect/FastCheck';

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
