/**
 * JSON as Go's encoding/json writes it: `<`, `>` and `&` escaped as \u003c, \u003e and \u0026
 * (its default HTML-safe mode). Compose's outputs and the config hash are computed from such
 * bytes, so matching them keeps `config --format json` and `--hash` identical to docker compose.
 */
export function goJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
