/**
 * Where a container's output has been read up to, so a stream that is opened again (the container
 * started again after its stream ended) resumes after the last line printed instead of repeating
 * it. The engine is always asked for timestamps (`2024-05-01T10:00:00.123456789Z line`); the
 * cursor reads them, skips what was seen, and strips them unless the user asked for `-t`.
 *
 * Pure: lines in, lines out.
 */

export class LogCursor {
  /** Nanoseconds of the newest line seen, and how many lines carried exactly that time. */
  private last: bigint | undefined;
  private seenAtLast = 0;
  /** Lines at `last` still to skip in a resumed stream. */
  private skipAtLast = 0;

  constructor(private readonly keepTimestamps: boolean) {}

  /** The lines to print from a batch the engine sent. */
  accept(lines: readonly string[]): string[] {
    const printed: string[] = [];
    for (const line of lines) {
      const stamped = splitTimestamp(line);
      if (stamped === undefined) {
        printed.push(line);
        continue;
      }
      const { time, text } = stamped;
      if (this.last !== undefined && time < this.last) continue;
      if (this.last !== undefined && time === this.last && this.skipAtLast > 0) {
        this.skipAtLast -= 1;
        continue;
      }
      if (this.last === time) this.seenAtLast += 1;
      else {
        this.last = time;
        this.seenAtLast = 1;
        this.skipAtLast = 0;
      }
      printed.push(this.keepTimestamps ? line : text);
    }
    return printed;
  }

  /**
   * The `since` for a stream opened again: the newest time seen (the engine's `since` includes it,
   * and the lines already printed at that time are skipped); undefined before any line.
   */
  resume(): string | undefined {
    if (this.last === undefined) return undefined;
    this.skipAtLast = this.seenAtLast;
    const seconds = this.last / 1_000_000_000n;
    const nanos = this.last % 1_000_000_000n;
    return `${seconds}.${String(nanos).padStart(9, '0')}`;
  }
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

/** `time text` → nanoseconds and text; undefined when the line does not start with a timestamp. */
export function splitTimestamp(line: string): { time: bigint; text: string } | undefined {
  const match = TIMESTAMP.exec(line);
  if (!match) return undefined;
  const [whole, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const millis =
    Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!) - zoneMinutes(zone) * 60_000;
  const time = BigInt(millis) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
  return { time, text: line.slice(whole.length) };
}

function zoneMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}
