/**
 * Failures of the engine or of the plan end `up`, `create` and `down` with one line and exit 1,
 * like docker compose's "Error response from daemon: …"; anything else is a bug and keeps its
 * trace (main.ts renders it).
 */
import { EngineError } from '../engine/engine-error.js';
import { ConditionFailed } from '../engine/container-condition.js';
import { ReconcileError } from '../plan/reconcile-error.js';
import { ExitError } from './exit-error.js';

export function asCommandError(error: unknown): unknown {
  if (error instanceof EngineError || error instanceof ReconcileError || error instanceof ConditionFailed)
    return new ExitError(error.message);
  return error;
}

/** The plan ran with failures: each failed step's message, one per line. */
export function planFailure(errors: readonly string[]): ExitError {
  return new ExitError(errors.join('\n'));
}
