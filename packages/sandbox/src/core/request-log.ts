/** One API request as the sandbox saw it. Headers are never recorded, so neither is the token. */
export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order since start (not reset by `clearRequests`). */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** The raw query string without `?`, `''` when there is none. */
  readonly query: string;
  /** The status sent (for `reset`, the status line sent before the socket was destroyed). */
  readonly status: number;
  /** The injected fault, e.g. `rate-limit`, `status-503`, `reset`, `truncate`, `malformed`, `delay`, `body`. */
  readonly fault?: string;
  /** Wall-clock time to answer, rounded to 0.01 ms. */
  readonly durationMs: number;
}

/** The most recent `limit` API requests, oldest first. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  nextSeq(): number {
    return ++this.seq;
  }

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): ReadonlyArray<RequestLogEntry> {
    return [...this.entries].sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.entries = [];
  }
}
