/**
 * Requests that pass schema validation for any operation of the OpenAPI document, so that what the access matrix
 * sees is the route's own decision (401, 403, 404 …) rather than a 400 from the validator, which runs before the
 * handler. Pure: no I/O.
 */
import type { JsonSchema, Operation } from './openapi-cases.ts';

interface Schema extends JsonSchema {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  allOf?: Schema[];
}

/** One valid value per pattern the route schemas use; a new pattern falls back to a plain string (and shows as 400). */
const PATTERN_SAMPLES: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-06-01',
  '^\\d{4}-(0[1-9]|1[0-2])$': '2026-06',
  '^[A-Za-z0-9]{6,32}$': 'ABC12345',
  '^\\d{12,19}$': '6222020200112233445',
  '^\\d{6}$': '110105',
  '^-?\\d{1,3}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?$': '116.3,39.9,116.5,40.0',
  '^([01]\\d|2[0-4]):[0-5]\\d$': '08:00',
  '^([01]\\d|2[0-3]):[0-5]\\d$': '08:00',
  '^[^\\s\\d,;:|、]*$': '测试',
  '^[A-Za-z][A-Za-z0-9_-]{0,39}$': 'q1',
  '^[A-Za-z][A-Za-z0-9_]{0,39}$': 'q1',
  '^[a-z]+(,[a-z]+)?$': 'water',
  '^1\\d{10}$': '13912345678',
  '^[A-Za-z0-9_-]{16,64}$': 'AAAAAAAAAAAAAAAAAAAAAAAA',
  '^[0-9]{1,18}$': '1',
  '^\\s*<svg[\\s>]': '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
  '^data:image/png;base64,[A-Za-z0-9+/=]+$': 'data:image/png;base64,iVBORw0KGgo=',
};

export const NIL_ID = '00000000-0000-7000-8000-000000000000';

function firstType(schema: Schema): string | undefined {
  if (schema.const !== undefined) return typeof schema.const;
  if (schema.enum?.length) return typeof schema.enum[0];
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** A value valid against `schema` (required properties only), as far as the patterns above reach. */
export function validSample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return validSample((alt.find((s) => s.type !== 'null') ?? alt[0]) as Schema, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => validSample(s, depth + 1)));
  switch (firstType(schema)) {
    case 'string': {
      if (schema.format === 'uuid') return NIL_ID;
      if (schema.format === 'date') return '2026-06-01';
      if (schema.format === 'date-time') return '2026-06-01T08:00:00Z';
      if (schema.format === 'email') return 'a@example.com';
      if (schema.pattern) return PATTERN_SAMPLES[schema.pattern] ?? 'x';
      const len = Math.max(schema.minLength ?? 1, 1);
      return '测'.repeat(Math.min(len, schema.maxLength ?? len));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => validSample(schema.items as Schema, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = validSample(schema.properties?.[key] as Schema, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

export interface AccessRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Path parameters by name; `fill` picks the value for one (a real record id, or the nil id). */
export function requestFor(
  op: AccessOperation,
  fill: (param: string) => string | undefined = () => undefined,
  overrides: { query?: Record<string, string>; body?: unknown } = {},
): AccessRequest {
  let url = `/api/v1${op.path.replace(/^\/api\/v1/, '')}`;
  for (const p of op.pathParams)
    url = url.replace(`{${p}}`, encodeURIComponent(fill(p) ?? String(validSample(op.pathSchemas[p]))));
  const query = new URLSearchParams();
  for (const name of op.requiredQuery ?? []) {
    const v = validSample(op.query[name] as Schema);
    query.set(name, Array.isArray(v) ? v.join(',') : String(v));
  }
  for (const [k, v] of Object.entries(overrides.query ?? {})) query.set(k, v);
  if ([...query].length) url += `?${query}`;
  if (op.multipart) {
    // An empty multipart form: valid to the framework; the route refuses it after its access check.
    const boundary = 'ucaccessmatrix';
    return {
      method: op.method,
      url,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}--\r\n`,
    };
  }
  if (!op.body && overrides.body === undefined) return { method: op.method, url, headers: {} };
  const body = overrides.body ?? validSample(op.body as Schema);
  return { method: op.method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) };
}

export type AccessOperation = Operation & { requiredQuery: string[]; pathSchemas: Record<string, Schema> };

type Param = { in: string; name: string; required?: boolean; schema?: Schema };

/** The operations of the document with their required query parameters and path parameter schemas. */
export function withParams(
  doc: { paths: Record<string, Record<string, { parameters?: Param[] }>> },
  ops: Operation[],
): AccessOperation[] {
  return ops.map((op) => {
    const params = doc.paths[op.path]?.[op.method.toLowerCase()]?.parameters ?? [];
    return {
      ...op,
      requiredQuery: params.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
      pathSchemas: Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, p.schema ?? {}])),
    };
  });
}
