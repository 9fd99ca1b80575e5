/**
 * Appends to an open file synchronously through one buffer kept for the file's life: text is
 * encoded straight into it and the buffer written out when full, so writing a work file makes no
 * new buffer per chunk (each would be memory outside the JavaScript heap until a collection).
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';

export class AppendBuffer {
  readonly #buffer: Buffer;
  #used = 0;
  #flushedTo = 0;

  constructor(
    readonly fd: number,
    size = 256 * 1024,
  ) {
    this.#buffer = Buffer.allocUnsafe(size);
  }

  /** Where the next byte goes in the file: bytes written so far, buffered ones included. */
  get end(): number {
    return this.#flushedTo + this.#used;
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (text.length * 3 > this.#buffer.length - this.#used) {
      this.flush();
      if (text.length * 3 > this.#buffer.length) {
        this.#writeOut(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.#used += this.#buffer.write(text, this.#used, 'utf8');
  }

  /** Appends `source[start, end)`. */
  bytes(source: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length > this.#buffer.length - this.#used) {
      this.flush();
      if (length > this.#buffer.length) {
        this.#writeOut(source.subarray(start, end));
        return;
      }
    }
    source.copy(this.#buffer, this.#used, start, end);
    this.#used += length;
  }

  /** Writes out what is buffered. */
  flush(): void {
    const used = this.#used;
    this.#used = 0;
    this.#writeOut(this.#buffer.subarray(0, used));
  }

  /** Forgets what is buffered and appends from `position` on. */
  restartAt(position: number): void {
    this.#used = 0;
    this.#flushedTo = position;
  }

  #writeOut(data: Buffer): void {
    let done = 0;
    while (done < data.length) {
      done += fs.writeSync(this.fd, data, done, data.length - done, this.#flushedTo + done);
    }
    this.#flushedTo += data.length;
  }
}
