/**
 * Starts the API-independent machinery around a set of API modules: fault injection, request
 * log, control API (the core's routes plus each module's) and the HTTP server.
 */
import type { ApiModule } from './api-module.js';
import type { VirtualClock } from './clock.js';
import { ControlApi } from './control/control-api.js';
import { type CoreControl, coreControlRoutes, makeCoreControl } from './control/core-control.js';
import { DriftSwitch } from './drift/drift-switch.js';
import type { FaultConfig } from './faults/fault-config.js';
import { FaultInjector } from './faults/fault-injector.js';
import { startHttpServer } from './http-server.js';
import { RequestLog } from './request-log.js';

export interface CoreSettings {
  readonly host: string;
  readonly port: number;
  readonly seed: string | number;
  readonly faults: FaultConfig;
  readonly requestLogLimit: number;
}

export interface RunningCore {
  readonly url: string;
  readonly control: CoreControl;
  close(): Promise<void>;
}

export async function startCore(
  settings: CoreSettings,
  clock: VirtualClock,
  modules: ReadonlyArray<ApiModule>,
): Promise<RunningCore> {
  const faults = new FaultInjector(settings.seed, settings.faults);
  const log = new RequestLog(settings.requestLogLimit);
  const drift = new DriftSwitch();
  const control = makeCoreControl(clock, faults, log, drift);
  const server = await startHttpServer({
    host: settings.host,
    port: settings.port,
    modules,
    control: new ControlApi([...coreControlRoutes(control), ...modules.flatMap((module) => module.control ?? [])]),
    faults,
    drift,
    log,
  });
  return { url: server.url, control, close: () => server.close() };
}
