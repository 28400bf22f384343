/**
 * `ps --format json` as docker compose prints it: one JSON object per container per line (older
 * releases printed one array; both are read). Only the fields the tests look at are typed.
 */
export interface PsEntry {
  readonly ID: string;
  readonly Name: string;
  readonly Service: string;
  readonly State: string;
  readonly Health: string;
  readonly ExitCode: number;
  readonly Publishers: ReadonlyArray<{
    readonly URL: string;
    readonly TargetPort: number;
    readonly PublishedPort: number;
    readonly Protocol: string;
  }> | null;
}

export function parsePsJson(stdout: string): PsEntry[] {
  const text = stdout.trim();
  if (text === '') return [];
  if (text.startsWith('[')) return JSON.parse(text) as PsEntry[];
  return text.split('\n').map((line) => JSON.parse(line) as PsEntry);
}
