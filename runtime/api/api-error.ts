/**
 * Errors as Docker's API reports them: an HTTP status and `{"message": "..."}`. The services
 * (images, containers, volumes) may throw `ApiError` directly, or any error that carries a
 * numeric `statusCode` (or `status`) or one of the class names below; `toApiError` maps the rest
 * to a 500. It never decides what went wrong, only how to say it on the wire.
 */

/** The statuses Docker uses: 304 nothing to do, 400 bad parameter, 404 no such object, 409 conflict. */
export type ApiErrorStatus = 304 | 400 | 401 | 403 | 404 | 409 | 500 | 501 | 503;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: ApiErrorStatus,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const badParameter = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);
export const notModified = (): ApiError => new ApiError(304, '');

/** Class names the other engine modules may use for their errors, and what they mean here. */
const STATUS_BY_NAME: Readonly<Record<string, ApiErrorStatus>> = {
  NotFoundError: 404,
  NoSuchContainerError: 404,
  NoSuchImageError: 404,
  NoSuchVolumeError: 404,
  ConflictError: 409,
  InvalidParameterError: 400,
  BadParameterError: 400,
  BadRequestError: 400,
  ValidationError: 400,
  NotModifiedError: 304,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotImplementedError: 501,
};

const KNOWN_STATUSES = new Set<number>([304, 400, 401, 403, 404, 409, 500, 501, 503]);

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) {
    const carried = statusCarriedBy(error) ?? STATUS_BY_NAME[error.name];
    return new ApiError(carried ?? 500, error.message, { cause: error });
  }
  return new ApiError(500, String(error));
}

function statusCarriedBy(error: Error): ApiErrorStatus | undefined {
  const record = error as unknown as Record<string, unknown>;
  for (const key of ['statusCode', 'status', 'httpStatus']) {
    const value = record[key];
    if (typeof value === 'number' && KNOWN_STATUSES.has(value)) return value as ApiErrorStatus;
  }
  return undefined;
}
