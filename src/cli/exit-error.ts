/**
 * An error that ends the command with a given exit code and a message for the user, and no
 * stack trace. Docker Compose exits 1 for every failure and 130 when interrupted; we do the same.
 */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}
