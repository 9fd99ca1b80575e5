/**
 * The control operations every sandbox has, whatever APIs it serves: faults, the virtual
 * clock, the request log. Each is a typed function (the in-process `sandbox.control`) and a
 * route of the HTTP control API, the route a thin adapter over the function.
 */
import { Schema } from 'effect';
import type { VirtualClock } from '../clock.js';
import { type DriftConfig, DriftConfigSchema } from '../drift/drift-config.js';
import type { DriftSwitch } from '../drift/drift-switch.js';
import { type FaultConfig, FaultConfigSchema } from '../faults/fault-config.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { RequestLog, RequestLogEntry } from '../request-log.js';
import { SandboxControlError } from './control-error.js';
import type { ControlRoute } from './control-route.js';
import { decodeInput } from './decode-input.js';

export interface CoreControl {
  /** Replaces the fault config; restarts rule counters, the rate limiter and the random fault sequence. */
  setFaults(config: FaultConfig): void;
  /** The fault config in force. */
  faults(): FaultConfig;
  /**
   * Replaces the spec-drift config: edits to the bodies of 2xx answers (a nested object reduced
   * to some fields, a field added or removed, an enum value the spec does not list). `{}` turns it off.
   */
  setDrift(config: DriftConfig): void;
  /** The spec-drift config in force. */
  drift(): DriftConfig;
  /** Moves the virtual clock forward by `ms` (>= 0); PENDING enrollments past their TTL expire. Returns the new now. */
  advanceClock(ms: number): string;
  /** The virtual now, ISO-8601 UTC. */
  now(): string;
  /** The request log (API routes only), oldest first. */
  requests(): ReadonlyArray<RequestLogEntry>;
  clearRequests(): void;
}

const ClockAdvance = Schema.Struct({ ms: Schema.Number.pipe(Schema.finite(), Schema.nonNegative()) });

export function makeCoreControl(
  clock: VirtualClock,
  faults: FaultInjector,
  log: RequestLog,
  drift: DriftSwitch,
): CoreControl {
  return {
    setFaults: (config) => faults.set(decodeInput(FaultConfigSchema, config, 'fault config')),
    faults: () => faults.current(),
    setDrift: (config) => drift.set(decodeInput(DriftConfigSchema, config, 'drift config')),
    drift: () => drift.current(),
    advanceClock: (ms) => {
      if (!(Number.isFinite(ms) && ms >= 0)) {
        throw SandboxControlError.badRequest('the clock only moves forward: ms must be a number >= 0');
      }
      clock.advance(ms);
      return clock.iso();
    },
    now: () => clock.iso(),
    requests: () => log.list(),
    clearRequests: () => log.clear(),
  };
}

export function coreControlRoutes(control: CoreControl): ReadonlyArray<ControlRoute> {
  return [
    { method: 'GET', path: '/health', handle: () => ({ ok: true }) },
    { method: 'PUT', path: '/faults', handle: ({ body }) => control.setFaults(body as FaultConfig) },
    { method: 'GET', path: '/faults', handle: () => control.faults() },
    { method: 'PUT', path: '/drift', handle: ({ body }) => control.setDrift(body as DriftConfig) },
    { method: 'GET', path: '/drift', handle: () => control.drift() },
    {
      method: 'POST',
      path: '/clock/advance',
      handle: ({ body }) => ({ now: control.advanceClock(decodeInput(ClockAdvance, body, 'clock advance').ms) }),
    },
    { method: 'GET', path: '/clock', handle: () => ({ now: control.now() }) },
    { method: 'GET', path: '/requests', handle: () => control.requests() },
    { method: 'DELETE', path: '/requests', handle: () => control.clearRequests() },
  ];
}
