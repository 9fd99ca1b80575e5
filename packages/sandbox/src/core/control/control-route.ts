/** A route of the control API (under `/_sandbox`): JSON in, JSON out, no auth. */
export interface ControlRoute {
  readonly method: string;
  /** Template relative to the control prefix, e.g. `/enrollments/{id}/accept`. */
  readonly path: string;
  /** Returns the JSON answer (`undefined` answers `{ok: true}`); throws `SandboxControlError`. */
  readonly handle: (request: ControlRequest) => unknown;
}

export interface ControlRequest {
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, `undefined` when there is none. */
  readonly body: unknown;
}
