// The text reporters: what each writes for a sequence of events.
import { describe, expect, it } from 'vitest';
import { createJsonReporter } from '../../src/ui/json-reporter.js';
import { createPlainReporter } from '../../src/ui/plain-reporter.js';
import type { ProgressEvent } from '../../src/ui/progress-event.js';
import { createQuietReporter } from '../../src/ui/quiet-reporter.js';
import type { Reporter, TextSink } from '../../src/ui/reporter.js';
import { at, db1, network, web1, webImage } from './events.js';

function run(create: (sink: TextSink) => Reporter, events: readonly ProgressEvent[]): string {
  let text = '';
  const reporter = create({ write: (chunk: string) => (text += chunk) });
  reporter.start('up');
  for (const event of events) reporter.event(event);
  reporter.done('up', true);
  return text;
}

const UP: ProgressEvent[] = [
  at(0, network, { kind: 'creating' }),
  at(1, network, { kind: 'created' }),
  at(2, webImage, { kind: 'pulling' }),
  at(3, webImage, { kind: 'pulling', layer: 'a1b2c3d4e5f6', current: 500, total: 1000 }),
  at(4, webImage, { kind: 'pulling', layer: 'a1b2c3d4e5f6', current: 1000, total: 1000 }),
  at(5, webImage, { kind: 'pulled' }),
  at(6, db1, { kind: 'started' }),
  at(7, web1, { kind: 'waiting', dependency: 'db', condition: 'service_healthy' }),
  at(8, db1, { kind: 'unhealthy' }),
  at(9, web1, { kind: 'error', message: 'dependency failed to start: container demo-db-1 is unhealthy' }),
];

describe('reporters', () => {
  it('plain prints a line per event, a pull only at its start and end', () => {
    expect(run(createPlainReporter, UP)).toBe(
      [
        ' Network demo_default  Creating',
        ' Network demo_default  Created',
        ' Image nginx:1.27  Pulling',
        ' Image nginx:1.27  Pulled',
        ' Container demo-db-1  Started',
        ' Container demo-web-1  Waiting for db to be healthy',
        ' Container demo-db-1  Unhealthy',
        ' Container demo-web-1  Error dependency failed to start: container demo-db-1 is unhealthy',
        '',
      ].join('\n'),
    );
  });

  it('json prints one object per event, docker compose’s keys first', () => {
    const lines = run(createJsonReporter, UP.slice(2, 5))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { id: 'Image nginx:1.27', status: 'Working', text: 'Pulling', kind: 'pulling', service: 'web' },
      {
        id: 'a1b2c3d4e5f6',
        parent_id: 'Image nginx:1.27',
        status: 'Working',
        text: 'Pulling',
        current: 500,
        total: 1000,
        percent: 50,
        kind: 'pulling',
        service: 'web',
      },
      {
        id: 'a1b2c3d4e5f6',
        parent_id: 'Image nginx:1.27',
        status: 'Working',
        text: 'Pulling',
        current: 1000,
        total: 1000,
        percent: 100,
        kind: 'pulling',
        service: 'web',
      },
    ]);
  });

  it('quiet prints only the errors', () => {
    expect(run(createQuietReporter, UP)).toBe(
      ' Container demo-db-1  Unhealthy\n' +
        ' Container demo-web-1  Error dependency failed to start: container demo-db-1 is unhealthy\n',
    );
  });
});
