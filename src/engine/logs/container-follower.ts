/**
 * Follows one container's output across its runs (`logs -f`, attached `up`): streams it until the
 * engine ends the stream (the container stopped), then asks the engine what happened. Running
 * again (a quick restart) → streams on at once; restarting (a restart policy's back-off) or
 * stopped → waits for the next start. Only one stream per container is ever open, and a stream
 * opened again resumes after the last line printed (log-cursor.ts), so no line shows twice.
 *
 * "exited with code N" is held back until the stream has drained, so it comes after the
 * container's last lines, not in the middle of them.
 */
import type Docker from 'dockerode';
import type { ContainerInspect } from '../../../runtime/api/engine-types.js';
import { EngineError, toEngineError } from '../engine-error.js';
import { readContainerLog, type LogRequest } from './container-log-stream.js';
import { LogCursor } from './log-cursor.js';

export type FollowerState = 'streaming' | 'restarting' | 'stopped' | 'gone';

export interface FollowerOutput {
  lines(name: string, lines: readonly string[]): void;
  status(name: string, message: string): void;
  /** Called whenever the follower's state changes, so the owner can tell when all are done. */
  changed(): void;
}

export class ContainerFollower {
  private current: FollowerState = 'streaming';
  private readonly cursor: LogCursor;
  private heldStatus: string[] = [];
  private wake: (() => void) | undefined;
  private finished = false;

  constructor(
    private readonly docker: Docker,
    readonly id: string,
    readonly name: string,
    private readonly tty: boolean,
    private readonly request: LogRequest,
    private readonly output: FollowerOutput,
    private readonly signal: AbortSignal | undefined,
    keepTimestamps: boolean,
  ) {
    this.cursor = new LogCursor(keepTimestamps);
  }

  get state(): FollowerState {
    return this.current;
  }

  /** Streams until the container is gone for good or `finish()` is called. */
  async run(): Promise<void> {
    let since = this.request.since;
    for (;;) {
      this.setState('streaming');
      try {
        await readContainerLog(
          this.docker,
          { id: this.id, tty: this.tty },
          { ...this.request, since },
          (lines) => this.print(lines),
          this.signal,
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      this.releaseStatus();
      if (this.signal?.aborted || this.finished) return;
      const state = await inspectState(this.docker, this.id);
      if (state === undefined) {
        this.setState('gone');
        return;
      }
      since = this.cursor.resume() ?? since;
      if (state.Running) continue;
      this.setState(state.Restarting ? 'restarting' : 'stopped');
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
      if (this.signal?.aborted || this.finished) return;
    }
  }

  /** The engine said the container started: stream again if the last stream has ended. */
  started(): void {
    this.wake?.();
  }

  /** The engine said the container died; the line waits for the stream to drain when one is open. */
  died(message: string): void {
    if (this.current === 'streaming') this.heldStatus.push(message);
    else this.output.status(this.name, message);
  }

  /** The follow is over: a waiting follower returns; a streaming one ends with its stream. */
  finish(): void {
    this.finished = true;
    this.wake?.();
  }

  private print(lines: readonly string[]): void {
    const printed = this.cursor.accept(lines);
    if (printed.length > 0) this.output.lines(this.name, printed);
  }

  private releaseStatus(): void {
    for (const message of this.heldStatus) this.output.status(this.name, message);
    this.heldStatus = [];
  }

  private setState(state: FollowerState): void {
    if (this.current === state) return;
    this.current = state;
    // A die reported between the stream's end and this change was held: it can show now.
    if (state !== 'streaming') this.releaseStatus();
    this.output.changed();
  }
}

/** The container's state, or undefined once it has been removed. */
export async function inspectState(
  docker: Docker,
  id: string,
): Promise<ContainerInspect['State'] | undefined> {
  const inspect = await inspectContainer(docker, id);
  return inspect?.State;
}

export async function inspectContainer(docker: Docker, id: string): Promise<ContainerInspect | undefined> {
  try {
    return (await docker.getContainer(id).inspect()) as unknown as ContainerInspect;
  } catch (error) {
    const engineError = toEngineError(`inspect ${id.slice(0, 12)}`, error);
    if (engineError.statusCode === 404) return undefined;
    throw engineError;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof EngineError && error.statusCode === 404;
}
