/**
 * `TSCOMPOSE_TRACE=<file>`: timing lines for finding where the time of a command goes. Each line is
 * `<epoch ms> <pid> <what>`, appended to the file by the CLI and by an engine started with the
 * variable set, so one sort merges both sides of a run. Unset (always, outside of profiling), a
 * call is an empty function. The engine reads the variable when it starts, so restart it with the
 * variable set: `TSCOMPOSE_TRACE=/tmp/t tscompose engine stop && TSCOMPOSE_TRACE=/tmp/t tscompose
 * engine start`, then `TSCOMPOSE_TRACE=/tmp/t tscompose up -d --wait` and `sort -n /tmp/t`.
 *
 * Traced: each API request (engine), each container start's steps (network attach, /etc files,
 * rootfs, spec, runc create and start), healthcheck probes, and `up`'s phases and progress events.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.TSCOMPOSE_TRACE;

export const trace: (what: string) => void = file
  ? (what) =>
      appendFileSync(
        file,
        `${(performance.timeOrigin + performance.now()).toFixed(1)} ${process.pid} ${what}\n`,
      )
  : () => undefined;
