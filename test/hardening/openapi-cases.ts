/**
 * Hostile requests derived from the OpenAPI document: for every operation, bodies, queries, path parameters and
 * headers that a validating service must refuse with a 4xx problem (wrong types, missing fields, huge or deep values,
 * injection strings, invalid UTF-8, traversal in names, fake content types). Pure: no I/O.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  pattern?: string;
}

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body?: JsonSchema;
  /** The operation takes a multipart upload rather than JSON. */
  multipart: boolean;
}

export interface HostileRequest {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, with what it takes. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}])),
        body: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return ops;
}

/** Strings every input field meets in the wild: injection, script, traversal, control and odd Unicode. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  "'); DROP TABLE members; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\u0000\u0001\u0002',
  '\uD800',
  '\u202Eevil',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, meant literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%s%s%s%n',
  '-1e999',
  'NaN',
  'x'.repeat(100_000),
];

function typeOf(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.const !== undefined) return typeof schema.const;
  if (schema.enum) return typeof schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return typeOf(alt.find((s) => s.type !== 'null') ?? alt[0]);
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** A value of the right shape, to carry one wrong field at a time past the other checks. */
export function plausible(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-7000-8000-000000000000';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      return 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = plausible(schema.properties?.[key], depth + 1);
      return out;
    }
    default:
      return null;
  }
}

/** Values of the wrong type for a field of this schema. */
export function wrongTypes(schema: JsonSchema | undefined): unknown[] {
  switch (typeOf(schema)) {
    case 'string':
      return [12345, { $gt: '' }, ['x'], true];
    case 'integer':
    case 'number':
      return ['abc', '1; DROP TABLE x', 1e308 * 10 === Infinity ? 'Infinity' : 0, { n: 1 }, 1.5];
    case 'boolean':
      return ['yes', 2];
    case 'array':
      return ['x', { 0: 'x' }, Array.from({ length: 20_000 }, () => 'x')];
    case 'object':
      return ['x', [1, 2], 0];
    default:
      return [{ deep: true }];
  }
}

/** JSON nested `depth` levels deep, as a string (building the object itself would be the attack). */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Percent-encodes, sending a lone surrogate as the bytes of invalid UTF-8 it would be on the wire. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80%C3%28';
  }
}

function fillPath(path: string, params: string[], value: (name: string) => string): string {
  let url = `/api/v1${path.replace(/^\/api\/v1/, '')}`;
  for (const p of params) url = url.replace(`{${p}}`, encodeSegment(value(p)));
  return url;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The fixed cases for one operation: every field wrong in turn, plus the body and header attacks. */
export function hostileRequests(op: Operation): HostileRequest[] {
  const url = fillPath(op.path, op.pathParams, () => '00000000-0000-7000-8000-000000000000');
  const out: HostileRequest[] = [];
  const send = (label: string, payload?: string | Buffer, headers: Record<string, string> = JSON_HEADERS, u = url) =>
    out.push({ label, method: op.method, url: u, headers, payload });

  for (const param of op.pathParams) {
    for (const s of HOSTILE_STRINGS.slice(0, 9)) {
      send(
        `path ${param}=${s.slice(0, 20)}`,
        undefined,
        {},
        fillPath(op.path, op.pathParams, (p) => (p === param ? s : 'x')),
      );
    }
  }
  for (const [name, schema] of Object.entries(op.query)) {
    const values = [...wrongTypes(schema).filter((v) => typeof v !== 'object'), ...HOSTILE_STRINGS.slice(0, 6)];
    for (const v of values) {
      send(`query ${name}=${String(v).slice(0, 20)}`, undefined, {}, `${url}?${name}=${encodeSegment(String(v))}`);
    }
  }
  if (op.body) {
    const base = plausible(op.body) as Record<string, unknown> | null;
    send('body: not JSON', '{"unterminated": ');
    send('body: an array', '[1,2,3]');
    send('body: a string', '"x"');
    send('body: deep JSON', deepJson(5000));
    send(
      'body: invalid UTF-8',
      Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
    );
    send('body: fake content type', JSON.stringify(base ?? {}), { 'content-type': 'application/x-evil' });
    send('body: xml', '<x/>', { 'content-type': 'text/xml' });
    if (op.body.properties && base && typeof base === 'object') {
      for (const [key, propSchema] of Object.entries(op.body.properties)) {
        for (const wrong of wrongTypes(propSchema)) {
          send(`body.${key} wrong type`, JSON.stringify({ ...base, [key]: wrong }));
        }
      }
    }
  }
  send('header: absurd Accept-Language', undefined, { 'accept-language': 'x'.repeat(8000) });
  return out;
}

/** Random hostile bodies for fast-check: any JSON value, hostile strings in every leaf of the plausible body. */
export function hostileBodyArbitrary(op: Operation): fc.Arbitrary<string> {
  const base = plausible(op.body);
  const keys = Object.keys(op.body?.properties ?? {});
  const leaf = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 13)), fc.anything({ maxDepth: 3 }));
  if (!keys.length || !base || typeof base !== 'object') return fc.json({ maxDepth: 4 });
  return fc
    .dictionary(fc.constantFrom(...keys), leaf, { minKeys: 1, maxKeys: keys.length })
    .map((overrides) => JSON.stringify({ ...(base as object), ...overrides }));
}
