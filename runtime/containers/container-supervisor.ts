/**
 * Watches running containers for the engine: notices each exit (conmon's exit file), records it,
 * applies the restart policy (with Docker's back-off), removes `AutoRemove` containers, and runs
 * healthchecks while a container runs. After an engine restart, `recover` settles what happened
 * while nobody watched and resumes watching.
 *
 * It changes records only under the container's lock, through the functions the service passes
 * in, so the service stays the one owner of records, waiters and events.
 */
import { stat } from 'node:fs/promises';
import type { HealthcheckResult } from '../api/engine-types.js';
import { isProcessAlive } from '../host/process-alive.js';
import { unmountRootfs } from '../storage/overlay-rootfs.js';
import type { ContainerRecord } from './container-record.js';
import type { ContainerStore } from './container-store.js';
import { readExitCode, watchExit, type ExitReport, type ExitWatch } from './exit-watcher.js';
import { HealthMonitor } from './health-monitor.js';
import { applyProbeResult, healthSettings, initialHealth, MAX_OUTPUT_BYTES } from './health-state.js';
import type { KeyLock } from './key-lock.js';
import type { OciRuntime } from './oci-runtime.js';
import { decideRestart } from './restart-policy.js';

export interface SupervisorDeps {
  runtime: OciRuntime;
  store: ContainerStore;
  lock: KeyLock;
  now: () => Date;
  record(id: string): ContainerRecord | undefined;
  save(record: ContainerRecord): Promise<void>;
  emit(record: ContainerRecord, action: string, extra?: Record<string, string>): void;
  /** Wakes `wait` callers after an exit has been recorded. */
  exited(record: ContainerRecord): void;
  /** Starts the container again; called under the lock. */
  relaunch(record: ContainerRecord): Promise<void>;
  destroy(record: ContainerRecord, options: { volumes: boolean }): Promise<void>;
  /** The container stopped for good (no restart coming): its networks and ports are released. */
  stopped(record: ContainerRecord): Promise<void>;
}

/** Docker's exit code when the engine lost track of a container's process. */
const LOST_EXIT_CODE = 255;

export class ContainerSupervisor {
  private readonly exits = new Map<string, ExitWatch>();
  private readonly monitors = new Map<string, HealthMonitor>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  private readonly restartDelays = new Map<string, number>();

  constructor(private readonly deps: SupervisorDeps) {}

  /** Begins watching the run that just started (or was found running). */
  watch(record: ContainerRecord): void {
    const id = record.Id;
    this.stopWatching(id);
    const startedAt = record.State.StartedAt;
    const files = this.deps.store.files(id);
    this.exits.set(
      id,
      watchExit(files.exitFile, record.ConmonPid, (report) => {
        void this.deps.lock
          .run(id, () => this.handleExit(id, startedAt, report))
          .catch((error: unknown) => {
            console.error(`container ${id}: recording its exit failed:`, error);
          });
      }),
    );
    this.startHealth(record);
  }

  /** Stops every watch and timer of a container (it is being removed). */
  unwatch(id: string): void {
    this.stopWatching(id);
    this.cancelRestart(id);
    this.restartDelays.delete(id);
  }

  cancelRestart(id: string): void {
    const timer = this.restartTimers.get(id);
    if (timer) clearTimeout(timer);
    this.restartTimers.delete(id);
  }

  /** A fresh `starting` health for a container with a healthcheck, none for one without. */
  resetHealth(record: ContainerRecord): void {
    if (healthSettings(record.Config.Healthcheck)) record.State.Health = initialHealth();
    else delete record.State.Health;
  }

  closeAll(): void {
    for (const id of [...this.exits.keys(), ...this.monitors.keys(), ...this.restartTimers.keys()])
      this.unwatch(id);
  }

  /** Settles a container found in the records at engine start; called under its lock. */
  async recover(record: ContainerRecord): Promise<void> {
    if (record.State.Restarting) {
      // The engine died during the back-off: the restart it had scheduled is due now.
      this.scheduleRestart(record.Id, 0);
      return;
    }
    if (!record.State.Running) return;
    const files = this.deps.store.files(record.Id);
    const code = await readExitCode(files.exitFile);
    if (code !== undefined) {
      const at = await stat(files.exitFile).then((info) => info.mtime);
      await this.handleExit(record.Id, record.State.StartedAt, { kind: 'exited', exitCode: code, at });
      return;
    }
    if (isProcessAlive(record.ConmonPid)) {
      this.watch(record);
      return;
    }
    await this.handleExit(record.Id, record.State.StartedAt, { kind: 'monitor-lost' });
  }

  private async handleExit(id: string, startedAt: string, report: ExitReport): Promise<void> {
    const record = this.deps.record(id);
    // A late report for an earlier run, or for a container removed meanwhile.
    if (!record || !record.State.Running || record.State.Restarting || record.State.StartedAt !== startedAt)
      return;
    this.stopWatching(id);
    let exitCode = LOST_EXIT_CODE;
    let error = '';
    if (report.kind === 'exited') {
      exitCode = report.exitCode;
    } else {
      // conmon is gone without an exit file; a container still running has lost its log and
      // monitor, so it is stopped rather than left unsupervised.
      error = 'conmon, the container monitor, exited without recording the exit code';
      await this.deps.runtime.kill(id, 'KILL').catch(() => undefined); // already stopped: nothing to kill
    }
    // Forget the stopped runc container so the next run can reuse the id; it may already be gone.
    const forgotten = this.deps.runtime.delete(id).catch(() => undefined);
    const finishedAt = report.kind === 'exited' ? report.at : this.deps.now();
    const runMs = finishedAt.getTime() - Date.parse(record.State.StartedAt);
    const decision = decideRestart({
      policy: record.HostConfig.RestartPolicy,
      exitCode,
      restartCount: record.RestartCount,
      manuallyStopped: record.ManuallyStopped,
      runMs,
      previousDelayMs: this.restartDelays.get(id) ?? 0,
    });
    const restarting = decision.restart;
    record.State = {
      ...record.State,
      Status: restarting ? 'restarting' : 'exited',
      Running: restarting,
      Restarting: restarting,
      Pid: 0,
      ExitCode: exitCode,
      Error: error,
      FinishedAt: finishedAt.toISOString(),
    };
    record.ConmonPid = 0;
    // All before the waiters hear of the exit, as in Docker: a stopped container holds no ports.
    // The three are independent, so they run side by side (each starts a process or writes a file).
    await Promise.all([
      forgotten,
      this.deps.save(record),
      restarting ? undefined : this.deps.stopped(record),
    ]);
    this.deps.emit(record, 'die', { exitCode: String(exitCode) });
    this.deps.exited(record);
    if (decision.restart) {
      this.restartDelays.set(id, decision.delayMs);
      this.scheduleRestart(id, decision.delayMs);
      return;
    }
    this.restartDelays.delete(id);
    await unmountRootfs(this.deps.store.files(id).rootfs);
    if (record.HostConfig.AutoRemove) await this.deps.destroy(record, { volumes: true });
  }

  private scheduleRestart(id: string, delayMs: number): void {
    this.cancelRestart(id);
    const timer = setTimeout(() => {
      this.restartTimers.delete(id);
      void this.deps.lock
        .run(id, async () => {
          const record = this.deps.record(id);
          if (!record?.State.Restarting) return; // stopped or removed during the back-off
          record.RestartCount += 1;
          try {
            await this.deps.relaunch(record);
          } catch (error) {
            record.State = { ...record.State, Status: 'exited', Running: false, Restarting: false };
            await this.deps.save(record);
            this.deps.exited(record);
            throw error;
          }
        })
        .catch((error: unknown) => console.error(`container ${id}: restart failed:`, error));
    }, delayMs);
    this.restartTimers.set(id, timer);
  }

  private startHealth(record: ContainerRecord): void {
    const settings = healthSettings(record.Config.Healthcheck);
    if (!settings) return;
    const id = record.Id;
    const startedAt = record.State.StartedAt;
    const files = this.deps.store.files(id);
    const monitor = new HealthMonitor({
      settings,
      startedAtMs: Date.parse(startedAt),
      now: this.deps.now,
      health: () => this.deps.record(id)?.State.Health ?? initialHealth(),
      probe: (command, timeoutMs) =>
        this.deps.runtime.exec(id, command, {
          timeoutMs,
          maxOutput: MAX_OUTPUT_BYTES,
          pidFile: `${files.dir}/health.pid`,
        }),
      record: (result) => this.deps.lock.run(id, () => this.recordHealth(id, startedAt, result)),
    });
    this.monitors.set(id, monitor);
    monitor.start();
  }

  private async recordHealth(id: string, startedAt: string, result: HealthcheckResult): Promise<void> {
    const record = this.deps.record(id);
    const settings = healthSettings(record?.Config.Healthcheck);
    if (!record || !settings || !record.State.Running || record.State.StartedAt !== startedAt) return;
    const before = record.State.Health ?? initialHealth();
    const after = applyProbeResult(before, result, settings, Date.parse(startedAt));
    record.State = { ...record.State, Health: after };
    await this.deps.save(record);
    if (after.Status !== before.Status) this.deps.emit(record, `health_status: ${after.Status}`);
  }

  private stopWatching(id: string): void {
    this.exits.get(id)?.close();
    this.exits.delete(id);
    this.monitors.get(id)?.stop();
    this.monitors.delete(id);
  }
}
