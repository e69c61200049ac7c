/**
 * The HTTP side every spreadsheet import shares (members, stations): the template download, the upload that queues
 * a background job, and the job's progress and report. The domain's routes keep their URLs, permission and the
 * checks of their own form fields.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { requirePermission } from './auth.ts';
import { Problem } from './errors.ts';
import { pickLang } from './i18n.ts';
import { createJob, findJob, runJobInBackground } from './jobs.ts';
import type { Permission } from './permissions.ts';
import type { Actor } from './roles.ts';
import { StringEnum } from './schema.ts';
import type { ImportIssue, ImportTally } from './table-import.ts';
import { readUploadedForm } from './upload.ts';

const csvCell = (v: string) => (/[,"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template a clerk downloads: canonical headers and one example row, BOM so Excel reads UTF-8. */
export function templateCsv(columns: Readonly<Record<string, readonly string[]>>, example: readonly string[]): string {
  const headers = Object.values(columns).map((aliases) => aliases[0]!);
  return `\uFEFF${headers.map(csvCell).join(',')}\r\n${example.map(csvCell).join(',')}\r\n`;
}

/** GET options for a template download; `fileName` may be Chinese (sent RFC 5987-encoded). */
export function templateRoute(o: { tag: string; summary: string; fileName: string; csv: () => string }) {
  return {
    config: { public: true },
    schema: { tags: [o.tag], summary: o.summary },
    handler: async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(o.fileName)}`)
        .send(o.csv()),
  };
}

/** The upload's schema: multipart in, the queued job's id out. */
export function uploadSchema<E extends Record<400, TSchema>>(o: { tag: string; summary: string; errors: E }) {
  return {
    tags: [o.tag],
    summary: o.summary,
    consumes: ['multipart/form-data'],
    response: {
      202: Type.Object({ id: Type.String(), status: Type.String() }),
      ...o.errors,
      413: o.errors[400],
    },
  };
}

/** The upload, after the permission check: the file, the form's other fields, and the two every import reads. */
export async function readImportUpload(request: FastifyRequest, permission: Permission) {
  const actor = requirePermission(request, permission);
  const { file, fields } = await readUploadedForm(request);
  return { actor, file, fields, dryRun: fields.dryRun === 'true', skipInvalid: fields.skipInvalid === 'true' };
}

/** Records the job and answers 202 at once; the import runs after the response while the page polls the job. */
export async function queueImport<R extends { total: number }>(
  request: FastifyRequest,
  reply: FastifyReply,
  job: { kind: string; actor: Actor; unionId: string | null; params: Record<string, unknown> },
  work: (onProgress: (processed: number, total: number) => Promise<void>) => Promise<R>,
) {
  const { db } = request.server.deps;
  const jobId = await createJob(db, {
    kind: job.kind,
    createdBy: job.actor.accountId,
    unionId: job.unionId,
    params: job.params,
  });
  runJobInBackground(db, jobId, request.log, work);
  return reply.code(202).send({ id: jobId, status: 'queued' });
}

function jobView(extra: Record<string, TSchema>) {
  return Type.Object({
    id: Type.String(),
    status: StringEnum(['queued', 'running', 'succeeded', 'failed'] as const),
    dryRun: Type.Boolean(),
    applied: Type.Boolean(),
    fileName: Type.String(),
    ...extra,
    total: Type.Integer(),
    processed: Type.Integer(),
    inserted: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    skipped: Type.Integer(),
    errors: Type.Array(
      Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), message: Type.String() }),
    ),
    message: Type.Union([Type.String(), Type.Null()]),
  });
}

/** The job's schema: its id in the path; in its view, `extra` fields (the import's own) follow the file name. */
export function jobSchema<E extends object>(o: {
  tag: string;
  summary: string;
  errors: E;
  extra?: Record<string, TSchema>;
}) {
  return {
    tags: [o.tag],
    summary: o.summary,
    params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
    response: { 200: jobView(o.extra ?? {}), ...o.errors },
  };
}

/**
 * Progress and report of an import job in the caller's language. Only its creator (or an admin) sees it; anyone
 * else, and a job of another kind, gets 404.
 */
export async function answerImportJob(
  request: FastifyRequest,
  id: string,
  o: {
    kind: string;
    permission: Permission;
    extra?: (params: Record<string, unknown>) => Record<string, unknown>;
  },
) {
  const actor = requirePermission(request, o.permission);
  const job = await findJob(request.server.deps.db, id);
  if (job?.kind !== o.kind || (job.createdBy !== actor.accountId && actor.role !== 'admin')) {
    throw Problem.notFound();
  }
  const lang = pickLang(request.headers['accept-language']);
  const report = job.result as Partial<ImportTally<ImportIssue>>;
  const params = job.params as { fileName?: string; dryRun?: boolean };
  return {
    id: job.id,
    status: job.status,
    dryRun: params.dryRun ?? false,
    applied: report.applied ?? false,
    fileName: params.fileName ?? '',
    ...o.extra?.(params),
    total: job.total,
    processed: job.processed,
    inserted: report.inserted ?? 0,
    updated: report.updated ?? 0,
    unchanged: report.unchanged ?? 0,
    skipped: report.skipped ?? 0,
    errors: (report.errors ?? []).map((e) => ({ ...e, message: e.message[lang] })),
    message: job.message,
  };
}
