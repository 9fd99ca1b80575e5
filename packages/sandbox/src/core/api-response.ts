/** What an operation answers, before the core serializes it (and perhaps breaks it, see faults). */
export interface ApiResponse {
  readonly status: number;
  /** A JSON value; absent for an empty body (204). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const json = (status: number, body: unknown): ApiResponse => ({ status, body });

export const noContent: ApiResponse = { status: 204 };
