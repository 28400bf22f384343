/**
 * An engine error that knows its HTTP status, so the API layer answers Docker's way
 * (`{"message": …}` with 400, 404, 409 …) without knowing which service threw. Containers,
 * volumes, networks (NetworkError) and images (ImageError) throw these for what the caller got
 * wrong; anything else is a 500.
 *
 * 304 is Docker's "nothing to do" for starting a started container or stopping a stopped one;
 * 401 and 403 come from registries, and 403 is also Docker's answer for predefined networks.
 */
export type ErrorStatus = 304 | 400 | 401 | 403 | 404 | 409 | 500;

export class StatusError extends Error {
  override readonly name: string = 'StatusError';
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
