// Ports mattn/go-shellwords v1.0.12 shellwords_test.go (TestSimple, TestError), the parser
// compose-go uses for `command` and `entrypoint` strings, plus the quirks compose users meet.
import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../src/compose/split-shell-words.js';

describe('splitShellWords', () => {
  it.each([
    { line: '', expected: [] },
    { line: '""', expected: [''] },
    { line: "''", expected: [''] },
    { line: 'var --bar=baz', expected: ['var', '--bar=baz'] },
    { line: 'var --bar="baz"', expected: ['var', '--bar=baz'] },
    { line: 'var "--bar=baz"', expected: ['var', '--bar=baz'] },
    { line: `var "--bar='baz'"`, expected: ['var', "--bar='baz'"] },
    { line: 'var --bar=`baz`', expected: ['var', '--bar=`baz`'] },
    { line: `var "--bar=\\"baz'"`, expected: ['var', `--bar="baz'`] },
    { line: `var "--bar=\\'baz\\'"`, expected: ['var', "--bar='baz'"] },
    { line: "var --bar='\\'", expected: ['var', '--bar=\\'] },
    { line: 'var "--bar baz"', expected: ['var', '--bar baz'] },
    { line: 'var --"bar baz"', expected: ['var', '--bar baz'] },
    { line: 'var  --"bar baz"', expected: ['var', '--bar baz'] },
    { line: 'a "b"', expected: ['a', 'b'] },
    { line: 'a " b "', expected: ['a', ' b '] },
    { line: 'a "   "', expected: ['a', '   '] },
    { line: "a 'b'", expected: ['a', 'b'] },
    { line: "a ' b '", expected: ['a', ' b '] },
    { line: "a '   '", expected: ['a', '   '] },
    { line: 'foo bar\\  ', expected: ['foo', 'bar '] },
    { line: `foo "" bar ''`, expected: ['foo', '', 'bar', ''] },
    { line: 'foo \\\\', expected: ['foo', '\\'] },
    { line: 'foo \\& bar', expected: ['foo', '&', 'bar'] },
    // compose-go's own cases (loader/tests/command_test.go, service_hooks_test.go)
    { line: 'bundle exec thin -p 3000', expected: ['bundle', 'exec', 'thin', '-p', '3000'] },
    { line: "sh -c 'chown -R 1000:1000 /data'", expected: ['sh', '-c', 'chown -R 1000:1000 /data'] },
    { line: 'echo "hello world"', expected: ['echo', 'hello world'] },
    // What compose users meet: the command ends at an unquoted operator.
    { line: 'echo a && echo b', expected: ['echo', 'a'] },
    { line: 'cat file | grep x', expected: ['cat', 'file'] },
    { line: 'run > out.log', expected: ['run'] },
    { line: 'run 2>&1', expected: ['run'] },
    { line: 'a;b', expected: ['a'] },
    { line: "sh -c 'a && b'", expected: ['sh', '-c', 'a && b'] },
    { line: 'echo $(date +%s) done', expected: ['echo', '$(date +%s)', 'done'] },
    { line: 'echo `date +%s`', expected: ['echo', '`date +%s`'] },
    { line: 'tab\tand\nnewline', expected: ['tab', 'and', 'newline'] },
    { line: 'a "x\\ny"', expected: ['a', 'xny'] },
    { line: 'unicode héllo wörld', expected: ['unicode', 'héllo', 'wörld'] },
  ])('$line', ({ line, expected }) => {
    expect(splitShellWords(line)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { line: "foo '" },
    { line: 'foo "' },
    { line: 'foo `' },
    { line: 'foo \\' },
    { line: 'echo (sub)' },
    { line: 'echo )' },
    { line: 'echo $(unclosed' },
  ])('refuses $line', ({ line }) => {
    expect(splitShellWords(line)).toEqual({ ok: false, error: 'invalid command line string' });
  });
});
