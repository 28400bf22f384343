/**
 * Signal names as the API receives them (`SIGTERM`, `term`, `15`, `SIGRTMIN+3`) turned into what
 * `runc kill` accepts, and the number Docker puts in the `kill` event's `signal` attribute.
 */
import { badRequest } from '../status-error.js';

const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  PWR: 30,
  SYS: 31,
};

/** `SIGTERM`, `term`, `15` → `TERM` (runc accepts names without the prefix and numbers). */
export function normalizeSignal(signal: string): string {
  const upper = signal.trim().toUpperCase().replace(/^SIG/, '');
  if (/^\d+$/.test(upper)) {
    const name = Object.entries(SIGNALS).find(([, number]) => String(number) === upper)?.[0];
    if (!name) throw badRequest(`Invalid signal: ${signal}`);
    return name;
  }
  if (!(upper in SIGNALS) && !/^RTMIN|^RTMAX/.test(upper)) throw badRequest(`Invalid signal: ${signal}`);
  return upper;
}

export function signalNumber(signal: string): string {
  const name = normalizeSignal(signal);
  return String(SIGNALS[name] ?? name);
}
