/**
 * Reads a registry's `WWW-Authenticate` header (RFC 7235): one or more challenges, each a scheme
 * and its parameters, `Bearer realm="https://auth.example/token",service="reg",scope="…"` or
 * `Basic realm="Registry"`. Parameter values may be quoted, with `\` escaping the next character;
 * parameter names are case-insensitive and returned in lower case.
 *
 * Pure. Deciding what to do with a challenge is registry-auth's job.
 */

export interface AuthChallenge {
  /** Lower case: `bearer`, `basic`. */
  scheme: string;
  params: Record<string, string>;
}

export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const skipSpaces = (): void => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < header.length && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header[i] ?? '')) i++;
    return header.slice(start, i);
  };
  // Lenient, as registries write unquoted URLs: an unquoted value runs to the next comma or space.
  const readBareValue = (): string => {
    const start = i;
    while (i < header.length && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t') i++;
    return header.slice(start, i);
  };
  const readQuoted = (): string => {
    let value = '';
    i++; // the opening quote
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\') i++;
      value += header[i] ?? '';
      i++;
    }
    i++; // the closing quote
    return value;
  };

  while (i < header.length) {
    skipSpaces();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const scheme = readToken();
    if (scheme === '') break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    // Parameters follow until a token that is not followed by "=" (the next challenge's scheme).
    for (;;) {
      skipSpaces();
      const mark = i;
      const name = readToken();
      skipSpaces();
      if (name === '' || header[i] !== '=') {
        i = mark;
        break;
      }
      i++;
      skipSpaces();
      challenge.params[name.toLowerCase()] = header[i] === '"' ? readQuoted() : readBareValue();
      skipSpaces();
      if (header[i] === ',') i++;
    }
  }
  return challenges;
}
