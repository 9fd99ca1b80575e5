/**
 * Progress and log output, always on stderr (stdout carries only results). On a terminal: a
 * live status line per run (entity, pages, rows, rate) and plain messages. Elsewhere (cron, CI,
 * a pipe): one JSON object per line, progress at most every few seconds per entity. `--quiet`
 * keeps errors only.
 *
 * @module
 */
import * as Context from 'effect/Context';
import * as Effect from 'effect/Effect';
import * as Layer from 'effect/Layer';
import type { RetryEvent } from './source.js';

/** Severity of a log line. */
export type Level = 'info' | 'warn' | 'error';

/** Receives what a command wants to tell the operator. Methods are synchronous: clients call them from callbacks. */
export interface ReporterService {
  /** A log line: `event` is a stable machine name (e.g. `export.done`), `message` the sentence. */
  readonly log: (level: Level, event: string, message: string, data?: Readonly<Record<string, unknown>>) => void;
  /** A page (or list) of `rows` rows of `entity` arrived. */
  readonly page: (entity: string, rows: number, totalPages?: number) => void;
  /** Every row of `entity` is in. */
  readonly fetched: (entity: string) => void;
  /** An entity is fetched again from scratch (its rows so far are dropped). */
  readonly restart: (entity: string) => void;
  /** A request failed and will be retried. */
  readonly retry: (event: RetryEvent) => void;
  /** Clears the status line; call when the command ends. */
  readonly close: () => void;
}

/** The reporter of the running command. */
export class Reporter extends Context.Tag('@rollcall/exporter/Reporter')<Reporter, ReporterService>() {}

/** How the reporter writes. */
export interface ReporterOptions {
  /** `tty`: status line and plain text; `json`: JSON lines. */
  readonly mode: 'tty' | 'json';
  /** Errors only. */
  readonly quiet: boolean;
  /** Where text goes; default `process.stderr`. */
  readonly write?: ((text: string) => void) | undefined;
  /** Terminal width for the status line; default the stderr's. */
  readonly columns?: (() => number) | undefined;
  /** Clock in milliseconds; default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

interface EntityProgress {
  rows: number;
  pages: number;
  totalPages: number | undefined;
  startedAt: number;
  lastLoggedAt: number;
  done: boolean;
}

const JSON_PROGRESS_EVERY_MS = 5_000;
const TTY_REDRAW_EVERY_MS = 100;

const perSecond = (rows: number, elapsedMs: number): number =>
  elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0;

/** A reporter writing to `options.write` (stderr by default). */
export const makeReporter = (options: ReporterOptions): ReporterService => {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const now = options.now ?? Date.now;
  const columns = options.columns ?? (() => process.stderr.columns || 100);
  const progress = new Map<string, EntityProgress>();
  let statusShown = false;
  let lastDrawAt = 0;

  const entityProgress = (entity: string): EntityProgress => {
    let state = progress.get(entity);
    if (state === undefined) {
      state = { rows: 0, pages: 0, totalPages: undefined, startedAt: now(), lastLoggedAt: now(), done: false };
      progress.set(entity, state);
    }
    return state;
  };

  const clearStatus = () => {
    if (statusShown) write('\r\u001b[2K');
    statusShown = false;
  };

  const drawStatus = (force: boolean) => {
    if (options.mode !== 'tty' || options.quiet) return;
    const at = now();
    if (!force && at - lastDrawAt < TTY_REDRAW_EVERY_MS) return;
    lastDrawAt = at;
    const parts = [...progress.entries()]
      .filter(([, state]) => !state.done)
      .map(([entity, state]) => {
        const pages =
          state.totalPages === undefined ? `${state.pages} pages` : `${state.pages}/${state.totalPages} pages`;
        return `${entity} ${state.rows} rows, ${pages}, ${perSecond(state.rows, at - state.startedAt)} rows/s`;
      });
    clearStatus();
    if (parts.length === 0) return;
    const line = `fetching: ${parts.join(' | ')}`;
    write(line.slice(0, Math.max(20, columns() - 1)));
    statusShown = true;
  };

  const log: ReporterService['log'] = (level, event, message, data) => {
    if (options.quiet && level !== 'error') return;
    if (options.mode === 'json') {
      write(`${JSON.stringify({ time: new Date(now()).toISOString(), level, event, message, ...data })}\n`);
      return;
    }
    clearStatus();
    write(`${level === 'info' ? '' : `${level === 'warn' ? 'warning' : 'error'}: `}${message}\n`);
    drawStatus(true);
  };

  return {
    log,
    page: (entity, rows, totalPages) => {
      const state = entityProgress(entity);
      state.rows += rows;
      state.pages += 1;
      if (totalPages !== undefined) state.totalPages = totalPages;
      if (options.mode === 'tty') return drawStatus(false);
      const at = now();
      if (at - state.lastLoggedAt < JSON_PROGRESS_EVERY_MS) return;
      state.lastLoggedAt = at;
      log('info', 'fetch.progress', `${entity}: ${state.rows} rows, ${state.pages} pages`, {
        entity,
        rows: state.rows,
        pages: state.pages,
        totalPages: state.totalPages ?? null,
        rowsPerSecond: perSecond(state.rows, at - state.startedAt),
      });
    },
    fetched: (entity) => {
      const state = entityProgress(entity);
      state.done = true;
      const elapsedMs = now() - state.startedAt;
      log(
        'info',
        'fetch.done',
        `${entity}: ${state.rows} rows in ${state.pages} pages (${(elapsedMs / 1000).toFixed(1)} s)`,
        {
          entity,
          rows: state.rows,
          pages: state.pages,
          seconds: Math.round(elapsedMs) / 1000,
          rowsPerSecond: perSecond(state.rows, elapsedMs),
        },
      );
    },
    restart: (entity) => {
      progress.delete(entity);
      entityProgress(entity);
    },
    retry: (event) =>
      log(
        'warn',
        'request.retry',
        `${event.method} ${event.path}: ${event.reason}; retry ${event.attempt} in ${event.delayMs} ms`,
        {
          method: event.method,
          path: event.path,
          attempt: event.attempt,
          delayMs: event.delayMs,
          reason: event.reason,
        },
      ),
    close: clearStatus,
  };
};

/** The reporter for this process: status line when stderr is a terminal, JSON lines otherwise. */
export const layerFromProcess = (options: { readonly quiet: boolean }): Layer.Layer<Reporter> =>
  Layer.sync(Reporter, () =>
    makeReporter({ mode: process.stderr.isTTY === true ? 'tty' : 'json', quiet: options.quiet }),
  );

/** A reporter that says nothing (library use, tests). */
export const layerSilent: Layer.Layer<Reporter> = Layer.succeed(Reporter, {
  log: () => {},
  page: () => {},
  fetched: () => {},
  restart: () => {},
  retry: () => {},
  close: () => {},
});

/** Logs through the current reporter. */
export const report = (
  level: Level,
  event: string,
  message: string,
  data?: Readonly<Record<string, unknown>>,
): Effect.Effect<void, never, Reporter> =>
  Effect.map(Reporter, (reporter) => reporter.log(level, event, message, data));
