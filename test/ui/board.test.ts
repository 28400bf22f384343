// The Ink board rendered by ink-testing-library: what a person sees at a given moment.
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Board } from '../../src/ui/board.js';
import { EMPTY_BOARD, reduceBoard, startOperation } from '../../src/ui/board-state.js';
import type { ProgressEvent } from '../../src/ui/progress-event.js';
import { at, db1, network, web1, webImage } from './events.js';

const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

function frame(events: readonly ProgressEvent[], now: number): string {
  const state = events.reduce(reduceBoard, startOperation(EMPTY_BOARD, 'up'));
  const { lastFrame } = render(createElement(Board, { state, now }));
  return (lastFrame() ?? '').replace(ANSI, '');
}

afterEach(() => cleanup());

describe('Board', () => {
  it('shows a header, a row per resource, marks, states and timers', () => {
    const text = frame(
      [
        at(0, network, { kind: 'creating' }),
        at(100, network, { kind: 'created' }),
        at(0, db1, { kind: 'started' }),
        at(1200, db1, { kind: 'healthy' }),
        at(200, web1, { kind: 'waiting', dependency: 'db', condition: 'service_healthy' }),
      ],
      1500,
    );
    const lines = text.split('\n').map((line) => line.trimEnd());
    expect(lines[0]).toBe('[+] up 2/3');
    expect(lines[1]).toMatch(/^✔ Network demo_default Created +0\.1s$/);
    expect(lines[2]).toMatch(/^✔ db +Healthy +1\.2s$/);
    expect(lines[3]).toMatch(/^⠴ web +Waiting for db to be healthy +1\.3s$/); // frame 15 of the spinner at 1500 ms
  });

  it('draws a pull bar with bytes while an image pulls', () => {
    const text = frame(
      [
        at(0, webImage, { kind: 'pulling' }),
        at(10, webImage, { kind: 'pulling', layer: 'a', current: 1_500_000, total: 3_000_000 }),
        at(20, webImage, { kind: 'pulling', layer: 'b', current: 2_000_000, total: 2_000_000 }),
      ],
      2000,
    );
    expect(text).toContain('web [⣤⣿] 3.5MB / 5MB Pulling');
    expect(text).toMatch(/2\.0s$/m);
  });

  it('marks errors and exit codes with ✘', () => {
    const text = frame([at(0, web1, { kind: 'exited', code: 3 })], 10);
    expect(text).toMatch(/✘ web Exited with code 3 +0\.0s/);
  });

  it('turns the spinner with time', () => {
    const events = [at(0, web1, { kind: 'starting' })];
    expect(frame(events, 0)).toContain('⠋ web');
    expect(frame(events, 150)).toContain('⠙ web');
  });
});
