/**
 * Route schemas declare error responses once (`errorResponses`), as JSON; on the wire every 4xx/5xx is
 * `application/problem+json` (errors.ts). The published document says what the wire says.
 */
import type { SwaggerTransformObject } from '@fastify/swagger';

type Responses = Record<string, { content?: Record<string, unknown> }>;
type Paths = Record<string, Record<string, { responses?: Responses }>>;

export const problemJsonResponses: SwaggerTransformObject = (documentObject) => {
  const doc = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject;
  for (const item of Object.values((doc.paths ?? {}) as Paths)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries(op?.responses ?? {})) {
        const content = response?.content;
        if (!/^[45]/.test(status) || !content?.['application/json'] || content['application/problem+json']) continue;
        content['application/problem+json'] = content['application/json'];
        delete content['application/json'];
      }
    }
  }
  return doc;
};
