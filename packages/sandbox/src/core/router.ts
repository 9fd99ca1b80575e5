/**
 * Method + path-template routing (`/organizations/users/{userId}`). A path that matches a
 * template under another method is told apart from one that matches nothing (405 vs 404).
 */
export type RouteMatch<T> =
  | { readonly kind: 'found'; readonly value: T; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allow: ReadonlyArray<string> }
  | { readonly kind: 'not-found' };

interface Route<T> {
  readonly method: string;
  readonly segments: ReadonlyArray<{ readonly literal: string } | { readonly param: string }>;
  readonly literals: number;
  readonly value: T;
}

export class Router<T> {
  private readonly routes: Array<Route<T>> = [];

  add(method: string, template: string, value: T): this {
    const segments = split(template).map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param ? { param } : { literal: segment };
    });
    const literals = segments.filter((s) => 'literal' in s).length;
    this.routes.push({ method: method.toUpperCase(), segments, literals, value });
    // Most literal segments first, so `/users/me` would win over `/users/{id}`.
    this.routes.sort((a, b) => b.literals - a.literals);
    return this;
  }

  match(method: string, path: string): RouteMatch<T> {
    const parts = split(path);
    const allow = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', value: route.value, params };
      allow.add(route.method);
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'not-found' };
  }
}

const split = (path: string): string[] => (path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/'));

function matchSegments(segments: Route<unknown>['segments'], parts: ReadonlyArray<string>) {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}
