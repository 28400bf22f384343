import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../runtime/containers/container-command.js';

const image = { Entrypoint: ['/entry.sh'], Cmd: ['serve', '--port', '80'] };

describe('resolveCommand: Docker rules for Entrypoint and Cmd', () => {
  it.each([
    { name: 'image entrypoint and cmd', request: {}, expected: ['/entry.sh', 'serve', '--port', '80'] },
    { name: 'request cmd replaces the image cmd', request: { Cmd: ['sh'] }, expected: ['/entry.sh', 'sh'] },
    {
      name: 'request entrypoint drops the image cmd',
      request: { Entrypoint: ['/bin/echo'] },
      expected: ['/bin/echo'],
    },
    {
      name: 'entrypoint and cmd from the request',
      request: { Entrypoint: ['/bin/echo'], Cmd: ['hi'] },
      expected: ['/bin/echo', 'hi'],
    },
    {
      name: 'entrypoint [""] clears it and inherits no cmd',
      request: { Entrypoint: [''], Cmd: ['ls'] },
      expected: ['ls'],
    },
    {
      name: 'entrypoint [] clears it, cmd still inherited',
      request: { Entrypoint: [] },
      expected: ['serve', '--port', '80'],
    },
    {
      name: 'a string is one argument, not sh -c',
      request: { Cmd: 'echo hi' },
      expected: ['/entry.sh', 'echo hi'],
    },
    {
      name: 'null fields inherit',
      request: { Entrypoint: null, Cmd: null },
      expected: ['/entry.sh', 'serve', '--port', '80'],
    },
  ])('$name', ({ request, expected }) => {
    const resolved = resolveCommand(request, image);
    expect([resolved.Path, ...resolved.Args]).toEqual(expected);
  });

  it('keeps Config.Entrypoint and Config.Cmd as Docker shows them', () => {
    expect(resolveCommand({ Cmd: ['sh'] }, image)).toMatchObject({ Entrypoint: ['/entry.sh'], Cmd: ['sh'] });
    expect(resolveCommand({ Entrypoint: [''], Cmd: ['ls'] }, image)).toMatchObject({
      Entrypoint: null,
      Cmd: ['ls'],
    });
  });

  it.each([
    { name: 'nothing at all', request: {}, image: {} },
    { name: 'entrypoint cleared without a command', request: { Entrypoint: [''] }, image },
  ])('refuses $name with "No command specified" (400)', ({ request, image: from }) => {
    expect(() => resolveCommand(request, from)).toThrow(
      expect.objectContaining({ statusCode: 400, message: 'No command specified' }),
    );
  });
});
