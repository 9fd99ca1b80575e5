/**
 * Looking for a secret where it must never be: process output, log lines, error messages, every
 * file a run left (snapshots, temporary folders), the sandbox's request log.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The forms in which a token could leak: as is, as an `Authorization: Bearer` value (GitBook's
 * form), percent-encoded (in a URL or a query string), and its secret part without the `tot_`
 * prefix (a log that strips known prefixes still leaks the rest).
 */
export const secretForms = (token: string): ReadonlyArray<string> => {
  const forms = new Set([token, `Bearer ${token}`, encodeURIComponent(token)]);
  const prefix = /^[a-z]+_/.exec(token)?.[0];
  if (prefix !== undefined && token.length - prefix.length >= 16) forms.add(token.slice(prefix.length));
  return [...forms];
};

/** Where a secret was found: `what` names the output or file. */
export interface Leak {
  readonly where: string;
  readonly form: string;
}

/** Every file under `dir`, hidden ones and sub-folders included. */
const filesUnder = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });

/**
 * The places among `texts` (name → text) and the files under `dirs` that contain any form of any
 * of `tokens`. A leak is reported by the form's length and start only, never the token itself.
 */
export const findLeaks = (
  tokens: ReadonlyArray<string>,
  texts: Readonly<Record<string, string>>,
  dirs: ReadonlyArray<string> = [],
): Array<Leak> => {
  const forms = tokens.flatMap(secretForms);
  const describe = (form: string) => `${form.slice(0, 6)}… (${form.length} chars)`;
  const leaks: Array<Leak> = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const form of forms) if (text.includes(form)) leaks.push({ where, form: describe(form) });
  }
  for (const dir of dirs) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      for (const form of forms) if (bytes.includes(form)) leaks.push({ where: file, form: describe(form) });
    }
  }
  return leaks;
};
