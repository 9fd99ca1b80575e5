/**
 * The items of a JSON array body as its text arrives, each parsed on its own, so a list of tens of
 * thousands of members is never held as one string and one parsed array. Only the text of the
 * item being read is kept between chunks. Anything but one array of JSON values (whitespace
 * around it allowed) is a SyntaxError, as `JSON.parse` of the whole body would be.
 */

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const COMMA = 0x2c;

const isWhitespace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

type Position =
  /** Before the opening `[`. */
  | 'start'
  /** After `[` or `,`: an item (or, after `[`, the closing `]`) comes next. */
  | 'before-item'
  /** Inside an item. */
  | 'item'
  /** After an item: `,` or `]` comes next. */
  | 'after-item'
  /** After the closing `]`. */
  | 'end';

export class JsonArrayItems {
  #position: Position = 'start';
  /** After `[` with no item yet: `]` may close an empty array. */
  #empty = true;
  /** The text of the item being read, from earlier chunks. */
  #pending = '';
  /** Brackets and braces open inside the item. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  #count = 0;

  /** `onItem`, when given, sees each item's source text, in order, before it is parsed. */
  constructor(private readonly onItem?: (source: string) => void) {}

  /** Items read so far. */
  get count(): number {
    return this.#count;
  }

  /** The items `text` completes, in order. */
  push(text: string): Array<unknown> {
    const items: Array<unknown> = [];
    let itemStart = this.#position === 'item' ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      switch (this.#position) {
        case 'start':
          if (code === OPEN_BRACKET) this.#position = 'before-item';
          else if (!isWhitespace(code)) throw this.#unexpected(text, i);
          break;
        case 'before-item':
          if (isWhitespace(code)) break;
          if (code === CLOSE_BRACKET && this.#empty) {
            this.#position = 'end';
            break;
          }
          if (code === COMMA || code === CLOSE_BRACKET) throw this.#unexpected(text, i);
          this.#position = 'item';
          itemStart = i;
          i = this.#scanItem(text, i, itemStart, items) - 1;
          if (this.#position === 'item') i = text.length;
          break;
        case 'item':
          i = this.#scanItem(text, i, itemStart, items) - 1;
          if (this.#position === 'item') i = text.length;
          break;
        case 'after-item':
          if (code === COMMA) this.#position = 'before-item';
          else if (code === CLOSE_BRACKET) this.#position = 'end';
          else if (!isWhitespace(code)) throw this.#unexpected(text, i);
          break;
        case 'end':
          if (!isWhitespace(code)) throw this.#unexpected(text, i);
          break;
      }
    }
    if (this.#position === 'item') this.#pending += text.slice(Math.max(0, itemStart));
    return items;
  }

  /** The body ended: throws unless the array was closed. */
  end(): void {
    if (this.#position !== 'end') throw new SyntaxError('Unexpected end of JSON input: the array is not closed');
  }

  /**
   * Reads item text from `from`; when the item ends (at a `,` or `]` outside any string, bracket
   * or brace), parses it into `items` and returns the index of that `,` or `]`; else returns
   * `text.length` with the item still open. Strings are skipped with `indexOf` rather than a
   * character at a time: member lists are mostly ids and names in quotes.
   */
  #scanItem(text: string, from: number, itemStart: number, items: Array<unknown>): number {
    let depth = this.#depth;
    let i = from;
    if (this.#escaped) {
      this.#escaped = false;
      i++;
    }
    let inString = this.#inString;
    // Where the next quote and backslash are (-1: none in this text), found again only once
    // passed, so a string full of escapes is still read in one pass.
    let nextQuote = -2;
    let nextBackslash = -2;
    while (i < text.length) {
      if (inString) {
        if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf('"', i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = text.indexOf('\\', i);
        if (nextBackslash !== -1 && (nextQuote === -1 || nextBackslash < nextQuote)) {
          // An escape: the character after the backslash, perhaps in the next chunk, is not the end.
          i = nextBackslash + 2;
          if (i > text.length) this.#escaped = true;
          continue;
        }
        if (nextQuote === -1) break;
        inString = false;
        i = nextQuote + 1;
        continue;
      }
      const code = text.charCodeAt(i);
      if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COMMA) {
        if (depth > 0) {
          if (code !== COMMA) depth--;
        } else if (code === CLOSE_BRACE) throw this.#unexpected(text, i);
        else {
          // The item ends here, outside any string, bracket or brace.
          this.#depth = 0;
          this.#inString = false;
          this.#complete(text.slice(itemStart, i), items);
          return i;
        }
      }
      i++;
    }
    this.#depth = depth;
    this.#inString = inString;
    return text.length;
  }

  #complete(tail: string, items: Array<unknown>): void {
    const source = this.#pending + tail;
    this.#pending = '';
    this.#position = 'after-item';
    this.#empty = false;
    this.#count++;
    this.onItem?.(source);
    items.push(JSON.parse(source));
  }

  #unexpected(text: string, index: number): SyntaxError {
    return new SyntaxError(`Unexpected ${JSON.stringify(text[index])} in a JSON array body (item ${this.#count})`);
  }
}
