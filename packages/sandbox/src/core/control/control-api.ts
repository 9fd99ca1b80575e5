/** Serves control routes: JSON in and out, `{error}` bodies for refusals. */
import { Router } from '../router.js';
import { SandboxControlError } from './control-error.js';
import type { ControlRoute } from './control-route.js';

/** The path prefix of the control API; not part of any vendor API. */
export const CONTROL_PREFIX = '/_sandbox';

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export class ControlApi {
  private readonly router = new Router<ControlRoute>();

  constructor(routes: ReadonlyArray<ControlRoute>) {
    for (const route of routes) this.router.add(route.method, route.path, route);
  }

  /** `path` is relative to the control prefix. */
  handle(method: string, path: string, bodyText: string): ControlAnswer {
    const match = this.router.match(method, path || '/');
    if (match.kind === 'not-found') return { status: 404, body: { error: `no control route ${method} ${path}` } };
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      return {
        status: 405,
        body: { error: `${method} is not supported here; use ${allow}` },
        headers: { Allow: allow },
      };
    }
    let body: unknown;
    if (bodyText.trim() !== '') {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return { status: 400, body: { error: 'request body is not valid JSON' } };
      }
    }
    try {
      const result = match.value.handle({ params: match.params, body });
      return { status: 200, body: result === undefined ? { ok: true } : result };
    } catch (cause) {
      if (cause instanceof SandboxControlError) return { status: cause.status, body: { error: cause.message } };
      return { status: 500, body: { error: cause instanceof Error ? cause.message : String(cause) } };
    }
  }
}
