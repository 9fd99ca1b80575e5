import { formatIssues, validate } from '@rollcall/client/openapi-schema';
import { Either, Schema } from 'effect';
import { DateTimeInput } from './core/control/input-schemas.js';
import { type FaultConfig, FaultConfigSchema } from './core/faults/fault-config.js';

/** How to start a sandbox; every field is optional. */
export interface SandboxOptions {
  /** Port to listen on; default 0, an ephemeral port. */
  readonly port?: number;
  /** Interface to listen on; default `'127.0.0.1'`. The control API answers loopback clients only. */
  readonly host?: string;
  /** Same seed and options give the same data and responses, byte for byte; default `'rollcall'`. */
  readonly seed?: string | number;
  /** Seeded users; default 250 (200 000 start in seconds). */
  readonly users?: number;
  /** Seeded enrollments, in every status; default `Math.ceil(users / 2)`. */
  readonly enrollments?: number;
  /** Seeded workspaces, LIVE and SANDBOX; default 6. */
  readonly workspaces?: number;
  /** Start of the virtual clock (ISO-8601); default `'2026-01-05T09:00:00.000Z'`. It moves only via control. */
  readonly now?: string;
  /** A PENDING enrollment expires this many days after its last invitation; default 7. */
  readonly enrollmentTtlDays?: number;
  /** Larger page sizes are clamped to this, silently; default 100. */
  readonly maxPageSize?: number;
  /** Faults to inject from the start; default none. */
  readonly faults?: FaultConfig;
  /** How many recent API requests the request log keeps; default 10 000. */
  readonly requestLogLimit?: number;
  /** The GitBook organization served under `/v1`; its data comes from the same `seed`. */
  readonly gitbook?: GitBookOptions;
  /**
   * Replaces the seeded data of both organizations with a small one made for `rollcall review`:
   * with its default thresholds it finds each of its six findings exactly `findings` times, and
   * none with `findings: 0` (a clean organization). `users`, `enrollments`, `workspaces` and
   * `gitbook.members`/`inviteLinks` are then ignored. Its times lie days before `now`: start the
   * sandbox with `now` close to the wall clock (a snapshot's "now" is when it was taken), and
   * with `enrollmentTtlDays` above 30 if the clock is advanced.
   */
  readonly accessReview?: { readonly findings: number };
}

/** The seeded GitBook organization. */
export interface GitBookOptions {
  /** Members, the admin `sandbox.gitbook.token` belongs to included; default 40 (at least 1). */
  readonly members?: number;
  /** Invite links of all three kinds (organization, space, collection); default 12. */
  readonly inviteLinks?: number;
  /** The organization's id (`^[a-zA-Z0-9_-]+$`); default derived from the seed. */
  readonly organizationId?: string;
}

export type ResolvedSandboxOptions = Required<Omit<SandboxOptions, 'enrollments' | 'gitbook' | 'accessReview'>> & {
  readonly enrollments: number;
  readonly accessReview: { readonly findings: number } | undefined;
  readonly gitbook: Required<Omit<GitBookOptions, 'organizationId'>> & { readonly organizationId: string | undefined };
};

/** The options were not usable; `message` names each offending field. */
export class SandboxOptionsError extends Schema.TaggedError<SandboxOptionsError>()('SandboxOptionsError', {
  message: Schema.String,
}) {}

const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative());

const OptionsSchema = Schema.Struct({
  port: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(0, 65535))),
  host: Schema.optional(Schema.String.pipe(Schema.nonEmptyString())),
  seed: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  users: Schema.optional(Count),
  enrollments: Schema.optional(Count),
  workspaces: Schema.optional(Count),
  now: Schema.optional(DateTimeInput),
  enrollmentTtlDays: Schema.optional(Schema.Number.pipe(Schema.finite(), Schema.positive())),
  maxPageSize: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive())),
  faults: Schema.optional(FaultConfigSchema),
  requestLogLimit: Schema.optional(Count),
  gitbook: Schema.optional(
    Schema.Struct({
      members: Schema.optional(Count.pipe(Schema.positive())),
      inviteLinks: Schema.optional(Count),
      organizationId: Schema.optional(
        Schema.String.pipe(Schema.pattern(/^[a-zA-Z0-9_-]+$/, { message: () => 'must match ^[a-zA-Z0-9_-]+$' })),
      ),
    }),
  ),
  accessReview: Schema.optional(Schema.Struct({ findings: Count })),
});

export const DEFAULT_NOW = '2026-01-05T09:00:00.000Z';

/** Fills in defaults; throws `SandboxOptionsError` for a value out of range. */
export function resolveOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const checked = validate(OptionsSchema, options);
  if (Either.isLeft(checked)) {
    throw new SandboxOptionsError({ message: `invalid sandbox options: ${formatIssues(checked.left)}` });
  }
  const users = options.users ?? 250;
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? 'rollcall',
    users,
    enrollments: options.enrollments ?? Math.ceil(users / 2),
    workspaces: options.workspaces ?? 6,
    now: new Date(Date.parse(options.now ?? DEFAULT_NOW)).toISOString(),
    enrollmentTtlDays: options.enrollmentTtlDays ?? 7,
    maxPageSize: options.maxPageSize ?? 100,
    faults: options.faults ?? {},
    requestLogLimit: options.requestLogLimit ?? 10_000,
    accessReview: options.accessReview,
    gitbook: {
      members: options.gitbook?.members ?? 40,
      inviteLinks: options.gitbook?.inviteLinks ?? 12,
      organizationId: options.gitbook?.organizationId,
    },
  };
}
