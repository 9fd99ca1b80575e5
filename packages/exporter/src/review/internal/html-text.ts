/**
 * Text made safe for the two places the report puts data: HTML (element content and double-quoted
 * attributes) and a `<script type="application/json">` data block.
 *
 * @module
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes a value for HTML text or a double-quoted attribute: it then renders as the text it is. */
export const escapeHtml = (value: string | number | boolean | null): string =>
  String(value).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);

const JSON_IN_SCRIPT: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON that can sit inside `<script>`: `<`, `>` and `&` as `\u` escapes, so no `</script>` or
 * `<!--` can end or change the block, and U+2028/U+2029 escaped for older JavaScript parsers.
 * `JSON.parse` of the block's text gives the value back unchanged.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => JSON_IN_SCRIPT[character]!);
