/**
 * Errors the network service throws for what the caller got wrong, carrying Docker's status so the
 * API layer answers as Docker does (it reads `statusCode`). 403 is Docker's answer for operations
 * on predefined networks and for overlapping pools; 409 for names in use and active endpoints.
 */
import { StatusError } from '../status-error.js';

export class NetworkError extends StatusError {
  override readonly name: string = 'NetworkError';
}

export const invalidNetworkRequest = (message: string): NetworkError => new NetworkError(400, message);
export const forbidden = (message: string): NetworkError => new NetworkError(403, message);
export const networkNotFound = (reference: string): NetworkError =>
  new NetworkError(404, `network ${reference} not found`);
export const networkConflict = (message: string): NetworkError => new NetworkError(409, message);
