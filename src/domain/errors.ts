/**
 * The one error type: a stable code for clients, an HTTP status, a sentence for people and, for
 * bad input, the fields at fault. The server's error handler is the only place that turns it into
 * an answer.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (fields: Record<string, string>, message = 'Some fields need attention.') =>
  new AppError(400, 'VALIDATION_FAILED', message, fields);
export const unauthorized = (message = 'Please sign in to continue.') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
export const notFound = (what = 'That item') => new AppError(404, 'NOT_FOUND', `${what} was not found.`);
export const conflict = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(409, code, message, fields);
