/**
 * An engine answer that was an error, on the client side: the operation that failed, Docker's
 * HTTP status and the engine's message (the `{"message"}` body). dockerode rejects with its own
 * error shape; `toEngineError` keeps the status and message and names the operation, so the CLI
 * can print `pull busybox: 404 pull access denied …` and tests can check the status.
 */

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly operation: string,
    readonly statusCode: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
  }
}

export function toEngineError(operation: string, error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const statusCode = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  const json = record.json as { message?: unknown } | undefined;
  const message =
    typeof json?.message === 'string'
      ? json.message
      : typeof record.reason === 'string' && statusCode !== undefined
        ? record.reason
        : error instanceof Error
          ? error.message
          : String(error);
  return new EngineError(operation, statusCode, message, { cause: error });
}
