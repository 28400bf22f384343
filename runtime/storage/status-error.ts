/**
 * An engine error that knows its HTTP status, so the API layer answers Docker's way
 * (`{"message": …}` with 400, 404, 409 …) without knowing which service threw. Services throw these
 * for what the caller got wrong (no such container, name in use, volume in use); anything else is
 * a 500.
 *
 * 304 is Docker's "nothing to do" for starting a started container or stopping a stopped one.
 */
export type ErrorStatus = 304 | 400 | 404 | 409 | 500;

export class StatusError extends Error {
  override readonly name = 'StatusError';
  constructor(
    readonly statusCode: ErrorStatus,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const badRequest = (message: string): StatusError => new StatusError(400, message);
export const notFound = (message: string): StatusError => new StatusError(404, message);
export const conflict = (message: string): StatusError => new StatusError(409, message);
export const notModified = (message: string): StatusError => new StatusError(304, message);
