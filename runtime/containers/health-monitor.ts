/**
 * Runs one container's healthcheck probes on their schedule while the container runs: waits
 * (`StartInterval` in the start period, `Interval` after), runs the probe through the given
 * function (`runc exec` in the service), and hands each result to the service, which applies
 * `applyProbeResult` and records it. One probe at a time; `stop` cancels the next one.
 *
 * Timers and the clock are the only side effects here; the rules are in `health-state.ts`.
 */
import type { Health, HealthcheckResult } from '../api/engine-types.js';
import { nextProbeDelay, type HealthSettings } from './health-state.js';
import { trace } from '../api/trace.js';

export interface ProbeOutcome {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

export interface HealthMonitorOptions {
  settings: HealthSettings;
  startedAtMs: number;
  health: () => Health;
  probe: (command: string[], timeoutMs: number) => Promise<ProbeOutcome>;
  record: (result: HealthcheckResult) => Promise<void>;
  now?: () => Date;
}

export class HealthMonitor {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly options: HealthMonitorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    const sinceStart = this.now().getTime() - this.options.startedAtMs;
    const delay = nextProbeDelay(this.options.settings, this.options.health(), sinceStart);
    this.timer = setTimeout(() => void this.runOnce(), delay);
  }

  private async runOnce(): Promise<void> {
    if (this.stopped) return;
    const { settings } = this.options;
    const start = this.now();
    trace('health probe begin');
    let outcome: ProbeOutcome;
    try {
      outcome = await this.options.probe(settings.command, settings.timeoutMs);
    } catch (error) {
      outcome = {
        exitCode: -1,
        output: error instanceof Error ? error.message : String(error),
        timedOut: false,
      };
    }
    if (this.stopped) return;
    const result: HealthcheckResult = {
      Start: start.toISOString(),
      End: this.now().toISOString(),
      ExitCode: outcome.timedOut ? -1 : outcome.exitCode,
      Output: outcome.timedOut
        ? `Health check exceeded timeout (${settings.timeoutMs / 1000}s)`
        : outcome.output,
    };
    trace('health probe end');
    try {
      await this.options.record(result);
      trace('health recorded');
    } finally {
      this.schedule();
    }
  }
}
