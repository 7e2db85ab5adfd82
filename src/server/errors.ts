import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.js';
import type { ErrorBody } from '../shared/contracts/errors.js';

type Issue = { instancePath: string; keyword: string; message?: string; params?: { keys?: string[] } };

/** The fields named by a schema failure: `{ "body.phone": ... }` is told as `{ phone: ... }`. */
export function fieldsOf(issues: Issue[], context: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'unrecognized_keys') {
      for (const key of issue.params?.keys ?? []) fields[where ? `${where}.${key}` : key] ??= 'is not an accepted field';
    } else {
      fields[where || context] ??= issue.message ?? 'is not valid';
    }
  }
  return fields;
}

const fastifyCodes: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_JSON', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['EMPTY_BODY', 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_CONTENT_LENGTH', 'The Content-Length header does not match the body.'],
};

// Connection-level failures of Postgres (server restarting, network gone): try again shortly.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown; message?: string } | undefined; e; e = e.cause as typeof e) {
    if (e.code && unavailableCodes.has(e.code)) return true;
    if (e.message && /Connection terminated|connection timeout|PGlite is closed/i.test(e.message)) return true;
  }
  return false;
}

export function toErrorAnswer(error: FastifyError | Error, request: FastifyRequest) {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } };
    return { status: error.status, body, headers: error.headers };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const fields = fieldsOf(error.validation as Issue[], context);
    const body: ErrorBody = { error: { code: 'VALIDATION_FAILED', message: 'Some fields need attention.', fields } };
    return { status: 400, body };
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, message] = fastifyCodes[(error as FastifyError).code] ?? ['BAD_REQUEST', 'The request could not be understood.'];
    return { status, body: { error: { code, message } } satisfies ErrorBody };
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    const body: ErrorBody = { error: { code: 'SERVICE_UNAVAILABLE', message: 'CashView is briefly unavailable. Please try again in a moment.' } };
    return { status: 503, body, headers: { 'retry-after': '2' } };
  }
  request.log.error({ err: error }, 'unhandled error');
  const body: ErrorBody = { error: { code: 'INTERNAL_ERROR', message: `Something went wrong on our side (reference ${request.id}). Please try again.` } };
  return { status: 500, body };
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const answer = toErrorAnswer(error, request);
  if (answer.headers) reply.headers(answer.headers);
  return reply.status(answer.status).send(answer.body);
}
