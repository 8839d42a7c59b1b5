/** Errors that carry an HTTP status and a safe, user-facing message (never credentials). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const forbidden = (reason: string) => new HttpError(403, 'forbidden', reason);
export const unauthorized = (reason = 'authentication required') => new HttpError(401, 'unauthorized', reason);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);
export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
