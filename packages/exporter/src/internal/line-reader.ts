/**
 * Reads a region of a file line by line through one reusable buffer, synchronously: the lines of
 * a work file are read in file order, so one `readSync` fetches hundreds of them.
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';

const NEWLINE = 0x0a;

/** Lines of `[start, end)` of an open file; every line there ends with `\n`. */
export class LineReader {
  /** The buffer holding the current line; valid until the next call to `next`. */
  buffer: Buffer;
  /** Where the current line starts in `buffer`. */
  start = 0;
  /** Where the current line ends in `buffer` (its `\n`, not included). */
  end = 0;
  #from = 0;
  #to = 0;
  #position: number;

  constructor(
    readonly fd: number,
    start: number,
    readonly limit: number,
    chunkSize = 64 * 1024,
  ) {
    this.#position = start;
    this.buffer = Buffer.allocUnsafe(chunkSize);
  }

  /** Moves to the next line; false at the end of the region. */
  next(): boolean {
    while (true) {
      const newline = this.#from < this.#to ? this.buffer.indexOf(NEWLINE, this.#from) : -1;
      if (newline !== -1 && newline < this.#to) {
        this.start = this.#from;
        this.end = newline;
        this.#from = newline + 1;
        return true;
      }
      if (this.#position >= this.limit) {
        if (this.#from < this.#to) throw new Error('a work file line does not end with a newline');
        return false;
      }
      this.#fill();
    }
  }

  /** Keeps the unread bytes, growing the buffer for a line longer than it, and reads more. */
  #fill(): void {
    const kept = this.#to - this.#from;
    if (kept === this.buffer.length) {
      const grown = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(grown, 0, this.#from, this.#to);
      this.buffer = grown;
    } else if (this.#from > 0) {
      this.buffer.copy(this.buffer, 0, this.#from, this.#to);
    }
    this.#from = 0;
    this.#to = kept;
    const wanted = Math.min(this.buffer.length - kept, this.limit - this.#position);
    const read = fs.readSync(this.fd, this.buffer, kept, wanted, this.#position);
    if (read === 0) throw new Error('a work file ended early');
    this.#position += read;
    this.#to += read;
  }
}
