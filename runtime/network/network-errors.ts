/**
 * Errors the network service throws for what the caller got wrong, carrying Docker's status so the
 * API layer answers as Docker does (it reads `statusCode`). 403 is Docker's answer for operations
 * on predefined networks and for overlapping pools; 409 for names in use and active endpoints.
 */
export type NetworkErrorStatus = 400 | 403 | 404 | 409 | 500;

export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly statusCode: NetworkErrorStatus,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const invalidNetworkRequest = (message: string): NetworkError => new NetworkError(400, message);
export const forbidden = (message: string): NetworkError => new NetworkError(403, message);
export const networkNotFound = (reference: string): NetworkError =>
  new NetworkError(404, `network ${reference} not found`);
export const networkConflict = (message: string): NetworkError => new NetworkError(409, message);
