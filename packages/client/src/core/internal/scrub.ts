import { Redacted } from 'effect';

/** Replaces every occurrence of a secret's value in `text` with `<redacted>`. */
export const scrub = (text: string, secrets: ReadonlyArray<Redacted.Redacted<string>>): string => {
  let result = text;
  for (const secret of secrets) {
    const value = Redacted.value(secret);
    if (value.length > 0) result = result.split(value).join('<redacted>');
  }
  return result;
};
