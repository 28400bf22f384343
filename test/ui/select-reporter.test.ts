// Which reporter `--progress` and the terminal give, as docker compose chooses.
import { describe, expect, it } from 'vitest';
import { chooseReporterKind, selectReporter, type ProgressOption } from '../../src/ui/select-reporter.js';
import { at, web1 } from './events.js';

describe('chooseReporterKind', () => {
  it.each<[ProgressOption, boolean, string]>([
    ['auto', true, 'board'],
    ['auto', false, 'plain'],
    ['tty', false, 'board'],
    ['plain', true, 'plain'],
    ['json', true, 'json'],
    ['quiet', true, 'quiet'],
  ])('--progress %s on a terminal: %s → %s', (progress, isTTY, kind) => {
    expect(chooseReporterKind(progress, isTTY)).toBe(kind);
  });
});

describe('selectReporter', () => {
  it('prints lines to a stream that is not a terminal', async () => {
    let text = '';
    const stream = {
      isTTY: false,
      write: (chunk: string) => (text += chunk),
    } as unknown as NodeJS.WriteStream;
    const reporter = await selectReporter('auto', { stream, clock: () => 0 });
    reporter.event(at(0, web1, { kind: 'started' }));
    expect(text).toBe(' Container demo-web-1  Started\n');
  });
});
