import type { FastifyRequest } from 'fastify';
import { Problem } from './errors.ts';

export interface UploadedForm {
  file: { buffer: Buffer; name: string };
  fields: Record<string, string>;
}

/**
 * Reads a multipart form with one spreadsheet in its `file` part (imports of members, stations, history): refuses
 * non-multipart bodies (415), oversized files (413) and a missing or empty file (400 on `file`); the file name is
 * made safe to show and to log.
 */
export async function readUploadedForm(request: FastifyRequest): Promise<UploadedForm> {
  if (!request.isMultipart()) throw new Problem(415, 'unsupportedMediaType');
  let file: UploadedForm['file'] | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      const buffer = await part.toBuffer();
      if (part.file.truncated) throw new Problem(413, 'payloadTooLarge');
      file = { buffer, name: part.filename.replace(/[\\/]/g, '_').slice(0, 200) || 'upload' };
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  if (!file || file.buffer.length === 0) throw Problem.validation([{ field: 'file', message: 'fieldRequired' }]);
  return { file, fields };
}
