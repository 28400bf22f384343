// The board reporter end to end on a recording terminal stream: events in, frames out, and the
// last frame left on screen when the operation is done. The clock is a fake the test moves.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createInkReporter } from '../../src/ui/ink-reporter.js';
import { at, db1, network } from './events.js';

/** A terminal as Ink sees it: a width, and everything written to it. */
class RecordingTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 60;
  readonly rows = 20;
  output = '';
  write(chunk: string): boolean {
    this.output += chunk;
    return true;
  }
}

const ANSI = new RegExp(String.raw`\u001b\[[0-9;?]*[A-Za-z]`, 'g');

describe('createInkReporter', () => {
  it('draws the board for the events and leaves the last frame on screen', () => {
    const terminal = new RecordingTerminal();
    let now = 0;
    const reporter = createInkReporter({
      stream: terminal as unknown as NodeJS.WriteStream,
      clock: () => now,
      refreshMs: 60_000,
    });
    reporter.start('up');
    reporter.event(at(0, network, { kind: 'creating' }));
    now = 100;
    reporter.event(at(100, network, { kind: 'created' }));
    reporter.event(at(100, db1, { kind: 'starting' }));
    now = 400;
    reporter.event(at(400, db1, { kind: 'started' }));
    reporter.done('up', true);
    const text = terminal.output.replace(ANSI, '');
    const lastFrame = text.slice(text.lastIndexOf('[+] up'));
    expect(lastFrame).toMatch(/^\[\+\] up 2\/2\n✔ Network demo_default Created +0\.1s\n✔ db +Started +0\.3s/);
  });
});
