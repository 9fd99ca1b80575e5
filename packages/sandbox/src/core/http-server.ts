/**
 * The sandbox's node:http server: control routes under `/_sandbox` (no faults, not logged,
 * loopback only), everything else to the API module whose mount point is the longest prefix
 * of the path, through the fault injector and into the request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiDispatcher } from './api-dispatcher.js';
import type { ApiModule } from './api-module.js';
import type { ApiResponse } from './api-response.js';
import { CONTROL_PREFIX, type ControlApi } from './control/control-api.js';
import type { DriftSwitch } from './drift/drift-switch.js';
import type { FaultInjector } from './faults/fault-injector.js';
import type { Operation } from './openapi/operations.js';
import { readBody } from './read-body.js';
import type { RequestLog } from './request-log.js';
import { sendResponse, sentStatus } from './send-response.js';
import { Sleeper } from './sleeper.js';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly modules: ReadonlyArray<ApiModule>;
  readonly control: ControlApi;
  readonly faults: FaultInjector;
  readonly drift: DriftSwitch;
  readonly log: RequestLog;
}

export interface RunningHttpServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const dispatchers = [...options.modules]
    .sort((a, b) => b.mount.length - a.mount.length)
    .map((module) => new ApiDispatcher(module));
  const sleeper = new Sleeper();

  const serveControl = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const bodyText = await readBody(req);
    const answer = isLoopback(req.socket.remoteAddress)
      ? options.control.handle(req.method ?? 'GET', path.slice(CONTROL_PREFIX.length), bodyText)
      : { status: 403, body: { error: 'the control API answers loopback clients only' } };
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...answer.headers,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  };

  const serveApi = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const seq = options.log.nextSeq();
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const bodyText = await readBody(req);
    const dispatcher = dispatchers.find((d) => path === d.module.mount || path.startsWith(`${d.module.mount}/`));
    if (!dispatcher) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'no API here' }));
      return;
    }

    const decision = options.faults.decide({ api: dispatcher.module.name, method, path, query: url.searchParams });
    if (decision.delayMs > 0 && !(await sleeper.sleep(decision.delayMs))) return;

    let response: ApiResponse;
    let operation: Operation | undefined;
    const replacement = decision.replace;
    if (replacement?.kind === 'rate-limited') {
      response = dispatcher.rateLimited();
    } else if (replacement?.kind === 'error') {
      response = dispatcher.errorWith(replacement.status, [replacement]);
    } else if (replacement?.kind === 'body') {
      response = { status: replacement.status, body: replacement.body };
    } else {
      const dispatched = dispatcher.dispatch({
        method,
        path: path.slice(dispatcher.module.mount.length) || '/',
        query: url.searchParams,
        headers: req.headers,
        bodyText,
      });
      operation = dispatched.operation;
      response = dispatched.response;
      if (response.status >= 200 && response.status < 300 && response.body !== undefined) {
        response = { ...response, body: options.drift.apply(method, path, response.body) };
      }
    }
    response = dispatcher.withHeaders(response, decision.rateLimit, decision.headers);

    const outgoing = dispatcher.render(response, operation);
    sendResponse(res, outgoing, decision.breakWith);
    options.log.record({
      seq,
      method,
      path,
      query: url.search.slice(1),
      status: sentStatus(outgoing, decision.breakWith),
      ...(decision.label ? { fault: decision.label } : {}),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(`http://sandbox${(req.url ?? '/').startsWith('/') ? req.url : `/${req.url}`}`);
    const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
    (isControl ? serveControl(req, res, url.pathname) : serveApi(req, res, url)).catch((cause: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const text = JSON.stringify({ error: cause instanceof Error ? cause.message : String(cause) });
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(text);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        sleeper.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
}

const isLoopback = (address: string | undefined): boolean =>
  address === undefined || address === '::1' || /^(::ffff:)?127\./.test(address);
