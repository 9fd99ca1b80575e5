/**
 * Writes an answer to the socket, whole or broken the way a fault asks: `reset` sends the
 * headers and half the body then destroys the socket; `truncate` answers 200 with half the JSON
 * and ends cleanly (chunked, no Content-Length); `malformed` answers 200 with invalid JSON.
 */
import type { ServerResponse } from 'node:http';
import type { BreakKind } from './faults/fault-injector.js';

export interface OutgoingResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** `undefined` for no body (204). */
  readonly contentType: string | undefined;
  readonly text: string | undefined;
}

/** A prefix that makes any JSON text unparseable (the classic anti-XSSI guard). */
const INVALID_JSON_PREFIX = ")]}',\n";

export function sendResponse(res: ServerResponse, response: OutgoingResponse, breakWith?: BreakKind): void {
  if (breakWith === undefined) {
    const bytes = response.text === undefined ? undefined : Buffer.from(response.text, 'utf8');
    // 204 and 304 never carry a body; any other empty answer (e.g. 205) says so, rather than
    // going out chunked with an empty last chunk.
    const length = bytes ? bytes.length : response.status === 204 || response.status === 304 ? undefined : 0;
    res.writeHead(response.status, {
      ...response.headers,
      ...(response.contentType ? { 'Content-Type': response.contentType } : {}),
      ...(length === undefined ? {} : { 'Content-Length': String(length) }),
    });
    res.end(bytes);
    return;
  }

  const json = response.text ?? '{}';
  const contentType = response.contentType ?? 'application/json';
  const bytes = Buffer.from(json, 'utf8');
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  switch (breakWith) {
    case 'reset':
      res.writeHead(response.text === undefined ? 200 : response.status, {
        ...response.headers,
        'Content-Type': contentType,
        'Content-Length': String(bytes.length),
      });
      res.write(half, () => res.destroy());
      return;
    case 'truncate':
      res.writeHead(200, { ...response.headers, 'Content-Type': contentType });
      res.end(half);
      return;
    case 'malformed': {
      const broken = Buffer.from(INVALID_JSON_PREFIX + json, 'utf8');
      res.writeHead(200, { ...response.headers, 'Content-Type': contentType, 'Content-Length': String(broken.length) });
      res.end(broken);
      return;
    }
  }
}

/** The status a broken answer goes out with, for the request log. */
export const sentStatus = (response: OutgoingResponse, breakWith?: BreakKind): number =>
  breakWith === undefined || (breakWith === 'reset' && response.text !== undefined) ? response.status : 200;
