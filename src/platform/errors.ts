import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { format, type Lang, type Localized, pickLang } from './i18n.ts';
import { MESSAGES, type MessageKey } from './messages.ts';

/** A message given either as a catalog key or as both translations. */
export type Message = MessageKey | Localized;

export interface FieldError {
  field: string;
  message: Message;
  params?: Record<string, string | number>;
}

/**
 * An error that becomes an RFC 9457 problem+json response in the caller's language. Domain code throws these;
 * anything else that escapes a handler is an internal error and is logged, never shown.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: Message,
    readonly options: {
      detail?: Message;
      params?: Record<string, string | number>;
      errors?: FieldError[];
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(typeof title === 'string' ? title : title.en);
  }

  static validation(errors: FieldError[]): Problem {
    return new Problem(400, 'validation', { errors });
  }
  static forbidden(): Problem {
    return new Problem(403, 'forbidden');
  }
  static notFound(): Problem {
    return new Problem(404, 'notFound');
  }
}

export function localize(message: Message, lang: Lang, params?: Record<string, string | number>): string {
  const text = typeof message === 'string' ? MESSAGES[message][lang] : message[lang];
  return format(text, params);
}

export function problemBody(problem: Problem, lang: Lang, instance?: string) {
  const { detail, params, errors, extra } = problem.options;
  return {
    type: 'about:blank',
    status: problem.status,
    title: localize(problem.title, lang, params),
    detail: detail ? localize(detail, lang, params) : localize(problem.title, lang, params),
    instance,
    errors: (errors ?? []).map((e) => ({ field: e.field, message: localize(e.message, lang, e.params) })),
    ...extra,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  const lang = pickLang(request.headers['accept-language']);
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .send(problemBody(problem, lang, request.id));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns ajv's validation errors into field-level errors: `body.phone`, `query.page`. */
function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  return validation.map((v): FieldError => {
    let path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (v.keyword === 'required') path = [path, String(v.params.missingProperty)].filter(Boolean).join('.');
    if (v.keyword === 'additionalProperties') {
      path = [path, String(v.params.additionalProperty)].filter(Boolean).join('.');
    }
    const field = [context, path].filter(Boolean).join('.');
    switch (v.keyword) {
      case 'required':
        return { field, message: 'fieldRequired' };
      case 'maxLength':
        return { field, message: 'fieldTooLong', params: { limit: Number(v.params.limit) } };
      case 'minLength':
        return { field, message: 'fieldTooShort', params: { limit: Number(v.params.limit) } };
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'minItems':
      case 'maxItems':
        return { field, message: 'fieldRange' };
      case 'enum':
        return {
          field,
          message: 'fieldEnum',
          params: { values: ((v.params.allowedValues as unknown[]) ?? []).join(', ') },
        };
      case 'additionalProperties':
        return { field, message: 'fieldUnknown' };
      default:
        return { field, message: 'fieldType' };
    }
  });
}

/**
 * ajv's type coercion turns `?page=Infinity` or `?page=1e999` into Infinity and then lets it past `integer` and
 * `maximum` (the checks run on the string); refuse non-finite numbers in the query, path and body like any wrong type.
 */
function nonFiniteNumbers(value: unknown, field: string, errors: FieldError[] = [], depth = 0): FieldError[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push({ field, message: 'fieldType' });
  } else if (value && typeof value === 'object' && depth < 64 && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) nonFiniteNumbers(v, `${field}.${key}`, errors, depth + 1);
  }
  return errors;
}

/** Errors Fastify raises before routing (a URL that is not valid UTF-8, say) answer as problems too. */
export function frameworkErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.info({ code: error.code, msg: error.message }, 'client error');
  return sendProblem(request, reply, new Problem(400, 'badRequest'));
}

/** Maps every error a request can end in to problem+json; 5xx details stay in the log. */
export function registerErrorHandling(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    const errors = nonFiniteNumbers(request.query, 'querystring');
    nonFiniteNumbers(request.params, 'params', errors);
    nonFiniteNumbers(request.body, 'body', errors);
    if (errors.length) throw Problem.validation(errors);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem) return sendProblem(request, reply, error);
    if (error.validation) {
      const errors = fieldErrors(error.validation as AjvError[], error.validationContext);
      return sendProblem(request, reply, Problem.validation(errors));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(
        request,
        reply,
        new Problem(status === 503 ? 503 : 500, status === 503 ? 'unavailable' : 'internal'),
      );
    }
    const title: MessageKey =
      status === 401
        ? 'unauthorized'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'notFound'
            : status === 409
              ? 'conflict'
              : status === 413
                ? 'payloadTooLarge'
                : status === 415
                  ? 'unsupportedMediaType'
                  : status === 429
                    ? 'tooManyRequests'
                    : 'badRequest';
    request.log.info({ code: error.code, msg: error.message }, 'client error');
    return sendProblem(request, reply, new Problem(status, title));
  });
}
