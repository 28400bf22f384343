/** Looks up each required program on PATH and in the sbin folders. */
import { findProgram } from '../find-program.js';
import type { RequiredProgram } from '../required-programs.js';

export function probePrograms(
  programs: readonly RequiredProgram[],
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return Object.fromEntries(programs.map((program) => [program.name, findProgram(program.name, env)]));
}
