/**
 * Splits a `command:` or `entrypoint:` string into arguments exactly as compose-go does, with
 * mattn/go-shellwords (environment and backtick expansion off). It is not a shell, and its quirks
 * are part of what users get from Docker Compose, so they are kept:
 *
 * - a backslash escapes the next character everywhere except inside single quotes, also inside
 *   double quotes (`"a\nb"` gives `anb`);
 * - an unquoted `;`, `&`, `|`, `<` or `>` ends the command: `echo a && echo b` gives
 *   `["echo", "a"]`, and in `cmd 2>&1` the `2` is dropped too;
 * - an unquoted `(` is an error unless it follows `$`, and an unbalanced `)` or quote is an error;
 * - backticks and `$(...)` are kept as text, spaces inside them included.
 */
import { failed, parsed, type ParseResult } from './parse-result.js';

const INVALID = 'invalid command line string';

export function splitShellWords(line: string): ParseResult<string[]> {
  const args: string[] = [];
  let buffer = '';
  let hasArgument = false;
  let escaped = false;
  let doubleQuoted = false;
  let singleQuoted = false;
  let backQuoted = false;
  let dollarQuoted = false;

  for (const char of line) {
    if (escaped) {
      buffer += char;
      escaped = false;
      hasArgument = true;
      continue;
    }
    if (char === '\\') {
      if (singleQuoted) buffer += char;
      else escaped = true;
      continue;
    }
    if (isSpace(char)) {
      if (singleQuoted || doubleQuoted || backQuoted || dollarQuoted) {
        buffer += char;
      } else if (hasArgument) {
        args.push(buffer);
        buffer = '';
        hasArgument = false;
      }
      continue;
    }
    const quoted = singleQuoted || doubleQuoted;
    let stop = false;
    switch (char) {
      case '`':
        if (!quoted && !dollarQuoted) backQuoted = !backQuoted;
        break;
      case ')':
        if (!quoted && !backQuoted) dollarQuoted = !dollarQuoted;
        break;
      case '(':
        if (!quoted && !backQuoted) {
          if (dollarQuoted || !buffer.endsWith('$')) return failed(INVALID);
          dollarQuoted = true;
          buffer += char;
          continue;
        }
        break;
      case '"':
        if (!singleQuoted && !dollarQuoted) {
          // Closing a quote makes an argument even when it is empty: `""` is one empty argument.
          if (doubleQuoted) hasArgument = true;
          doubleQuoted = !doubleQuoted;
          continue;
        }
        break;
      case "'":
        if (!doubleQuoted && !dollarQuoted) {
          if (singleQuoted) hasArgument = true;
          singleQuoted = !singleQuoted;
          continue;
        }
        break;
      case ';':
      case '&':
      case '|':
      case '<':
      case '>':
        if (!quoted && !backQuoted && !dollarQuoted) {
          // A redirection such as `2>` takes its file descriptor number with it.
          if (char === '>' && /^[0-9]/.test(buffer)) hasArgument = false;
          stop = true;
        }
        break;
    }
    if (stop) break;
    hasArgument = true;
    buffer += char;
  }

  if (hasArgument) args.push(buffer);
  if (escaped || singleQuoted || doubleQuoted || backQuoted || dollarQuoted) return failed(INVALID);
  return parsed(args);
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}
