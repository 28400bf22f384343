// How container output is printed: docker compose's prefixes, widths and colour cycle.
import { describe, expect, it } from 'vitest';
import { logName } from '../../src/engine/logs/log-name.js';
import { RAINBOW, createColourCycle } from '../../src/ui/log-colours.js';
import { createLogFormatter } from '../../src/ui/log-formatter.js';

describe('createLogFormatter', () => {
  it('pads every prefix to the longest name plus one, then " | "', () => {
    const formatter = createLogFormatter({ prefix: true, colour: false });
    formatter.register('web-1');
    formatter.register('db-1');
    expect(formatter.formatLines('db-1', ['ready', 'listening'])).toBe(
      'db-1   | ready\ndb-1   | listening\n',
    );
    expect(formatter.formatLines('web-1', ['hi'])).toBe('web-1  | hi\n');
  });

  it('widens every prefix when a longer name joins', () => {
    const formatter = createLogFormatter({ prefix: true, colour: false });
    formatter.register('db-1');
    expect(formatter.formatLines('db-1', ['a'])).toBe('db-1  | a\n');
    formatter.register('frontend-1');
    expect(formatter.formatLines('db-1', ['b'])).toBe('db-1        | b\n');
  });

  it('prints lines bare with --no-log-prefix', () => {
    const formatter = createLogFormatter({ prefix: false, colour: true });
    formatter.register('web-1');
    expect(formatter.formatLines('web-1', ['x', ''])).toBe('x\n\n');
  });

  it('colours each container in registration order: cyan, then yellow', () => {
    const formatter = createLogFormatter({ prefix: true, colour: true });
    formatter.register('web-1');
    formatter.register('db-1');
    expect(formatter.formatLines('web-1', ['x'])).toBe('\x1b[36mweb-1  | \x1b[0mx\n');
    expect(formatter.formatLines('db-1', ['y'])).toBe('\x1b[33mdb-1   | \x1b[0my\n');
  });

  it('prints status lines in the container colour, after clearing the line', () => {
    const coloured = createLogFormatter({ prefix: true, colour: true });
    coloured.register('web-1');
    expect(coloured.formatStatus('web-1', 'exited with code 0')).toBe(
      '\x1b[36m\r\x1b[Kweb-1 exited with code 0\x1b[0m\n',
    );
    const plain = createLogFormatter({ prefix: true, colour: false });
    expect(plain.formatStatus('web-1', 'exited with code 2')).toBe('web-1 exited with code 2\n');
  });
});

describe('colour cycle', () => {
  it('goes through five colours, their bold versions, then starts again', () => {
    const next = createColourCycle();
    const codes = Array.from({ length: 11 }, () => next()('x'));
    // eslint-disable-next-line no-control-regex -- the escape codes are what is tested
    expect(codes.map((text) => /\x1b\[([\d;]+)m/.exec(text)?.[1])).toEqual([
      '36',
      '33',
      '32',
      '35',
      '34',
      '36;1',
      '33;1',
      '32;1',
      '35;1',
      '34;1',
      '36',
    ]);
    expect(RAINBOW).toHaveLength(10);
  });
});

describe('logName', () => {
  it.each([
    { name: 'demo-web-1', expected: 'web-1' },
    { name: 'my-db', expected: 'my-db' },
  ])('$name → $expected', ({ name, expected }) => {
    expect(logName({ name, project: 'demo', service: name === 'my-db' ? 'db' : 'web', number: 1 })).toBe(
      expected,
    );
  });
});
