import {
  isObject,
  type Json,
  type JsonObject,
  jsonEqual,
  type OpenApiDoc,
  operationsOf,
  RECONSTRUCTED,
  referencedSchemaNames,
  schemasOf,
} from './openapi.js';

export type ChangeArea = 'operation' | 'schema';

/** One difference between two specs, phrased for the maintainer who reads it after a fetch. */
export interface SpecChange {
  area: ChangeArea;
  /** `GET /path (operationId)` or `Schema.property`. */
  subject: string;
  sign: '+' | '-' | '~';
  detail: string;
  /** A change that can break a client written against the old spec. */
  breaking: boolean;
}

/** Where a schema is used decides whether a change to it can break callers. */
interface Usage {
  request: boolean;
  response: boolean;
}

export function diffSpecs(before: OpenApiDoc, after: OpenApiDoc): SpecChange[] {
  const changes: SpecChange[] = [];
  diffOperations(before, after, changes);
  diffSchemas(before, after, changes);
  return changes.sort(
    (a, b) => a.area.localeCompare(b.area) || a.subject.localeCompare(b.subject) || a.detail.localeCompare(b.detail),
  );
}

function diffOperations(before: OpenApiDoc, after: OpenApiDoc, changes: SpecChange[]): void {
  const key = (path: string, method: string) => `${method.toUpperCase()} ${path}`;
  const old = new Map(operationsOf(before).map((o) => [key(o.path, o.method), o.operation]));
  const next = new Map(operationsOf(after).map((o) => [key(o.path, o.method), o.operation]));
  const subject = (k: string, op: JsonObject) => (typeof op.operationId === 'string' ? `${k} (${op.operationId})` : k);
  const add = (k: string, op: JsonObject, sign: SpecChange['sign'], detail: string, breaking: boolean) =>
    changes.push({ area: 'operation', subject: subject(k, op), sign, detail, breaking });

  for (const [k, op] of old) if (!next.has(k)) add(k, op, '-', 'operation removed', true);
  for (const [k, op] of next) if (!old.has(k)) add(k, op, '+', 'operation added', false);
  for (const [k, newOp] of next) {
    const oldOp = old.get(k);
    if (!oldOp) continue;
    const change = (detail: string, breaking: boolean) => add(k, newOp, '~', detail, breaking);
    if (oldOp.operationId !== newOp.operationId) {
      change(
        `operationId ${String(oldOp.operationId)} -> ${String(newOp.operationId)} (generated function renamed)`,
        true,
      );
    }
    for (const field of ['summary', 'description'] as const) {
      if (!jsonEqual(oldOp[field], newOp[field])) change(`${field} changed`, false);
    }
    reconstructionNote(oldOp, newOp, 'operation', change);
    diffParameters(oldOp, newOp, change);
    diffRequestBody(oldOp, newOp, change);
    diffResponses(oldOp, newOp, change);
  }
}

type Report = (detail: string, breaking: boolean) => void;

function reconstructionNote(before: Json | undefined, after: Json | undefined, what: string, report: Report): void {
  const was = isObject(before) && before[RECONSTRUCTED] === true;
  const is = isObject(after) && after[RECONSTRUCTED] === true;
  if (was && !is) report(`${what} now published by the vendor (was our reconstruction)`, false);
  if (!was && is) report(`${what} now marked as our reconstruction`, false);
}

function diffParameters(before: JsonObject, after: JsonObject, report: Report): void {
  const list = (op: JsonObject) =>
    new Map(
      (Array.isArray(op.parameters) ? op.parameters : [])
        .filter(isObject)
        .map((p) => [`${String(p.in)} parameter ${String(p.name)}`, p] as const),
    );
  const old = list(before);
  const next = list(after);
  for (const [name] of old) if (!next.has(name)) report(`${name} removed`, true);
  for (const [name, p] of next) {
    const previous = old.get(name);
    if (!previous) {
      report(`${name} added${p.required === true ? ' (required)' : ''}`, p.required === true);
      continue;
    }
    if (previous.required !== true && p.required === true) report(`${name} now required`, true);
    if (previous.required === true && p.required !== true) report(`${name} now optional`, false);
    if (previous.style !== p.style || previous.explode !== p.explode) {
      report(`${name} serialization changed (style/explode)`, true);
    }
    diffSchemaShape(previous.schema, p.schema, name, { request: true, response: false }, report);
    if (!jsonEqual(previous.description, p.description)) report(`${name} description changed`, false);
  }
}

function diffRequestBody(before: JsonObject, after: JsonObject, report: Report): void {
  const oldBody = isObject(before.requestBody) ? before.requestBody : undefined;
  const newBody = isObject(after.requestBody) ? after.requestBody : undefined;
  if (!oldBody && newBody)
    report(`request body added${newBody.required === true ? ' (required)' : ''}`, newBody.required === true);
  if (oldBody && !newBody) report('request body removed', true);
  if (oldBody && newBody) {
    if (oldBody.required !== true && newBody.required === true) report('request body now required', true);
    diffContent(oldBody.content, newBody.content, 'request body', { request: true, response: false }, report);
  }
}

function diffResponses(before: JsonObject, after: JsonObject, report: Report): void {
  const old = isObject(before.responses) ? before.responses : {};
  const next = isObject(after.responses) ? after.responses : {};
  const success = (status: string) => status.startsWith('2');
  for (const status of Object.keys(old)) {
    if (!(status in next)) report(`response ${status} removed`, success(status));
  }
  for (const [status, response] of Object.entries(next)) {
    const previous = old[status];
    if (previous === undefined) {
      report(`response ${status} added`, success(status));
      continue;
    }
    if (!isObject(previous) || !isObject(response)) continue;
    reconstructionNote(previous, response, `response ${status}`, report);
    diffContent(previous.content, response.content, `response ${status}`, { request: false, response: true }, report);
  }
}

function diffContent(
  before: Json | undefined,
  after: Json | undefined,
  what: string,
  usage: Usage,
  report: Report,
): void {
  const old = isObject(before) ? before : {};
  const next = isObject(after) ? after : {};
  for (const type of Object.keys(old)) if (!(type in next)) report(`${what}: media type ${type} removed`, true);
  for (const type of Object.keys(next)) if (!(type in old)) report(`${what}: media type ${type} added`, false);
  for (const [type, media] of Object.entries(next)) {
    const previous = old[type];
    if (isObject(previous) && isObject(media)) diffSchemaShape(previous.schema, media.schema, what, usage, report);
  }
}

/** Differences in a schema used inline (a parameter, a body): references, types, enums. */
function diffSchemaShape(
  before: Json | undefined,
  after: Json | undefined,
  what: string,
  usage: Usage,
  report: Report,
): void {
  if (jsonEqual(before, after)) return;
  const changes: SpecChange[] = [];
  compareSchema(before, after, what, usage, changes, 'operation');
  for (const change of changes)
    report(change.subject === what ? change.detail : `${change.subject}: ${change.detail}`, change.breaking);
}

function diffSchemas(before: OpenApiDoc, after: OpenApiDoc, changes: SpecChange[]): void {
  const old = schemasOf(before);
  const next = schemasOf(after);
  const usage = schemaUsage(after, next);
  const oldUsage = schemaUsage(before, old);
  for (const name of Object.keys(old)) {
    if (!(name in next))
      changes.push({ area: 'schema', subject: name, sign: '-', detail: 'schema removed', breaking: true });
  }
  for (const name of Object.keys(next)) {
    if (!(name in old))
      changes.push({ area: 'schema', subject: name, sign: '+', detail: 'schema added', breaking: false });
  }
  for (const [name, schema] of Object.entries(next)) {
    if (!(name in old)) continue;
    const used = usage.get(name) ?? oldUsage.get(name) ?? { request: true, response: true };
    compareSchema(old[name], schema, name, used, changes, 'schema');
  }
}

/** For each schema name: is it reachable from request parameters/bodies, from responses, or both. */
function schemaUsage(doc: OpenApiDoc, schemas: JsonObject): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  const mark = (root: Json | undefined, side: keyof Usage) => {
    const queue = [...referencedSchemaNames(root)];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = usage.get(name) ?? { request: false, response: false };
      entry[side] = true;
      usage.set(name, entry);
      queue.push(...referencedSchemaNames(schemas[name]));
    }
  };
  for (const { operation } of operationsOf(doc)) {
    mark(operation.parameters, 'request');
    mark(operation.requestBody, 'request');
    mark(operation.responses, 'response');
  }
  return usage;
}

const typeOf = (schema: JsonObject): string =>
  [schema.$ref ? `$ref ${String(schema.$ref).replace('#/components/schemas/', '')}` : schema.type, schema.format]
    .filter((part) => part !== undefined)
    .map(String)
    .join(' ');

function compareSchema(
  before: Json | undefined,
  after: Json | undefined,
  subject: string,
  usage: Usage,
  changes: SpecChange[],
  area: ChangeArea,
): void {
  if (jsonEqual(before, after) || !isObject(before) || !isObject(after)) return;
  const report = (detail: string, breaking: boolean, where = subject) =>
    changes.push({ area, subject: where, sign: '~', detail, breaking });

  if (typeOf(before) !== typeOf(after)) report(`type ${typeOf(before) || 'any'} -> ${typeOf(after) || 'any'}`, true);
  if (before.nullable !== true && after.nullable === true) report('now nullable', usage.response);
  if (before.nullable === true && after.nullable !== true) report('no longer nullable', usage.request);
  if (!jsonEqual(before.description, after.description)) report('description changed', false);
  reconstructionNote(before, after, 'definition', (detail, breaking) => report(detail, breaking));

  const oldEnum = Array.isArray(before.enum) ? before.enum.map(String) : [];
  const newEnum = Array.isArray(after.enum) ? after.enum.map(String) : [];
  for (const value of newEnum) if (!oldEnum.includes(value)) report(`enum value ${value} added`, usage.response);
  for (const value of oldEnum) if (!newEnum.includes(value)) report(`enum value ${value} removed`, usage.request);

  const oldRequired = new Set(Array.isArray(before.required) ? before.required.map(String) : []);
  const newRequired = new Set(Array.isArray(after.required) ? after.required.map(String) : []);
  const oldProps = isObject(before.properties) ? before.properties : {};
  const newProps = isObject(after.properties) ? after.properties : {};
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) report('property removed', true, `${subject}.${name}`);
  }
  for (const name of Object.keys(newProps)) {
    if (!(name in oldProps)) {
      const required = newRequired.has(name);
      report(`property added${required ? ' (required)' : ''}`, required && usage.request, `${subject}.${name}`);
    }
  }
  for (const name of newRequired) {
    if (!oldRequired.has(name) && name in oldProps) report('now required', usage.request, `${subject}.${name}`);
  }
  for (const name of oldRequired) {
    if (!newRequired.has(name) && name in newProps) report('now optional', usage.response, `${subject}.${name}`);
  }
  for (const [name, property] of Object.entries(newProps)) {
    if (name in oldProps) compareSchema(oldProps[name], property, `${subject}.${name}`, usage, changes, area);
  }
  if (isObject(before.items) || isObject(after.items)) {
    compareSchema(before.items, after.items, `${subject}[]`, usage, changes, area);
  }
}

/** The report a maintainer reads: grouped by area, breaking changes flagged and counted. */
export function formatChanges(changes: readonly SpecChange[]): string {
  if (changes.length === 0) return 'No changes.\n';
  const breaking = changes.filter((c) => c.breaking).length;
  const lines = [`${changes.length} change${changes.length === 1 ? '' : 's'}, ${breaking} breaking`];
  for (const [area, title] of [
    ['operation', 'Operations'],
    ['schema', 'Schemas'],
  ] as const) {
    const inArea = changes.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    lines.push('', title);
    for (const c of inArea) {
      lines.push(`  ${c.sign} ${c.breaking ? 'BREAKING ' : ''}${c.subject}: ${c.detail}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
