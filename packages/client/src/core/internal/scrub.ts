import { Redacted } from 'effect';

/**
 * Replaces every occurrence of a secret's value in `text` with `<redacted>`: as sent (so a
 * `Bearer <token>` echoed back becomes `Bearer <redacted>`) and percent-encoded, as it reads when a
 * server quotes it in a URL.
 */
export const scrub = (text: string, secrets: ReadonlyArray<Redacted.Redacted<string>>): string => {
  let result = text;
  for (const secret of secrets) {
    const value = Redacted.value(secret);
    if (value.length === 0) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) result = result.split(form).join('<redacted>');
  }
  return result;
};
