/** Field schemas control inputs share, whatever the API. */
import { Schema } from 'effect';
import { EMAIL_PATTERN } from '../email.js';

export const EmailInput = Schema.String.pipe(
  Schema.pattern(EMAIL_PATTERN, { message: () => 'must be an email address' }),
);

export const DateTimeInput = Schema.String.pipe(
  Schema.filter((value) => !Number.isNaN(Date.parse(value)) || 'must be an ISO-8601 date-time'),
);
