/**
 * What a person's browser would get from a published port: the body of a GET on 127.0.0.1.
 * `httpText` fails on no answer (refused, reset, or nothing within two seconds), so callers
 * either expect it to fail or wait for it with `expect.poll`.
 */
export async function httpText(port: number, path = '/'): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${path} on port ${port}: ${response.status} ${body}`);
  return body;
}

/** The body, or the error's message: for `expect.poll`, which must see a value to compare. */
export async function httpTextOrError(port: number, path = '/'): Promise<string> {
  try {
    return await httpText(port, path);
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}
