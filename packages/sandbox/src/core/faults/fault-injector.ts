/**
 * Decides, per API request, which fault (if any) applies: the rate limit first (a gateway's
 * job), then the rules in order, then the seeded random faults.
 */
import { STATUS_CODES } from 'node:http';
import { makeRandom, type Random } from '../random.js';
import type { RateLimitStatus } from '../rate-limit-reporting.js';
import type { FaultConfig, FaultRule } from './fault-config.js';
import { RateLimiter } from './rate-limiter.js';

export interface FaultedRequest {
  /** The API module the request is for: each API has its own rate-limit bucket. */
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

/** How the real answer is broken on the way out. */
export type BreakKind = 'reset' | 'truncate' | 'malformed';

/** An answer sent instead of running the operation. */
export type Replacement =
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string }
  | { readonly kind: 'body'; readonly status: number; readonly body: unknown }
  /** The rate limit refused the request: a 429 in the API's own way. */
  | { readonly kind: 'rate-limited' };

export interface FaultDecision {
  /** Wait this long before answering. */
  readonly delayMs: number;
  /** For the request log, e.g. `rate-limit`, `status-503`, `reset`; absent when nothing was injected. */
  readonly label?: string;
  readonly replace?: Replacement;
  readonly headers?: Readonly<Record<string, string>>;
  readonly breakWith?: BreakKind;
  /** The API's rate-limit bucket after this request; absent when no rate limit is configured. */
  readonly rateLimit?: RateLimitStatus;
}

export class FaultInjector {
  private config: FaultConfig = {};
  private counters: number[] = [];
  private limiters = new Map<string, RateLimiter>();
  private random: Random;

  constructor(
    private readonly seed: string | number,
    config: FaultConfig,
  ) {
    this.random = makeRandom(seed, 'faults');
    this.set(config);
  }

  /** Replaces the config and restarts counters, the buckets and the random sequence. */
  set(config: FaultConfig): void {
    this.config = config;
    this.counters = (config.rules ?? []).map(() => 0);
    this.limiters = new Map();
    this.random = makeRandom(this.seed, 'faults');
  }

  current(): FaultConfig {
    return this.config;
  }

  decide(request: FaultedRequest): FaultDecision {
    const latency = this.config.latencyMs ?? 0;

    const rateLimit = this.takeToken(request.api);
    if (rateLimit?.limited)
      return { delayMs: latency, label: 'rate-limit', replace: { kind: 'rate-limited' }, rateLimit };
    const bucket = rateLimit ? { rateLimit } : {};

    const rules = this.config.rules ?? [];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!matches(rule, request)) continue;
      const seen = ++this.counters[i]!;
      const skip = rule.skip ?? 0;
      if (seen <= skip || (rule.times !== undefined && seen > skip + rule.times)) continue;
      return { ...fromRule(rule), ...bucket, delayMs: latency + (rule.fault.kind === 'delay' ? rule.fault.ms : 0) };
    }

    const random = this.config.random;
    if (random && random.kinds.length > 0 && this.random.chance(random.rate)) {
      const kind = this.random.pick(random.kinds);
      if (kind.startsWith('status-')) {
        const replace = statusError(Number(kind.slice('status-'.length)));
        return { delayMs: latency, label: kind, replace, ...bucket };
      }
      return { delayMs: latency, label: kind, breakWith: kind as BreakKind, ...bucket };
    }
    return { delayMs: latency, ...bucket };
  }

  /** A token from the API's bucket, created on its first request. */
  private takeToken(api: string): RateLimitStatus | undefined {
    const config = this.config.rateLimit;
    if (!config) return undefined;
    let limiter = this.limiters.get(api);
    if (!limiter) {
      const burst = config.burst ?? Math.max(1, Math.floor(config.requestsPerSecond));
      this.limiters.set(api, (limiter = new RateLimiter(config.requestsPerSecond, burst)));
    }
    return { ...limiter.take(), retryAfter: config.retryAfter ?? 'seconds' };
  }
}

function fromRule(rule: FaultRule): Omit<FaultDecision, 'delayMs'> {
  const fault = rule.fault;
  switch (fault.kind) {
    case 'status':
      return {
        label: `status-${fault.status}`,
        replace:
          fault.body === undefined
            ? statusError(fault.status)
            : { kind: 'body', status: fault.status, body: fault.body },
        ...(fault.retryAfter !== undefined ? { headers: { 'Retry-After': fault.retryAfter } } : {}),
      };
    case 'body':
      return { label: 'body', replace: { kind: 'body', status: fault.status ?? 200, body: fault.body } };
    case 'delay':
      return { label: 'delay' };
    default:
      return { label: fault.kind, breakWith: fault.kind };
  }
}

function matches(rule: FaultRule, request: FaultedRequest): boolean {
  const { method, path, pathPrefix, query } = rule.match;
  if (method !== undefined && method.toUpperCase() !== request.method) return false;
  if (path !== undefined && path !== request.path) return false;
  if (pathPrefix !== undefined && !request.path.startsWith(pathPrefix)) return false;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (!request.query.getAll(name).includes(value)) return false;
  }
  return true;
}

const statusError = (status: number): Replacement => ({
  kind: 'error',
  status,
  code: (STATUS_CODES[status] ?? `STATUS ${status}`).toUpperCase().replace(/[^A-Z0-9]+/g, '_'),
  message: `Injected fault: ${status} ${STATUS_CODES[status] ?? ''}`.trim(),
});
