/**
 * A small router: method + path pattern → handler. Patterns are Docker's paths with `{name}` for
 * one path segment and `{name*}` for one or more (image names contain slashes:
 * `/images/127.0.0.1:5000/library/busybox:1.36/json`). The version prefix is taken off before
 * matching (api-version.ts). Parameters are URL-decoded. Pure: no HTTP objects here.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDefinition<H> {
  method: HttpMethod;
  pattern: string;
  handler: H;
}

export interface CompiledRoute<H> extends RouteDefinition<H> {
  regex: RegExp;
  names: string[];
}

export interface RouteMatch<H> {
  route: CompiledRoute<H>;
  params: Record<string, string>;
}

const PARAMETER = /\{(\w+)(\*?)\}/g;

export function compileRoute<H>(definition: RouteDefinition<H>): CompiledRoute<H> {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const match of definition.pattern.matchAll(PARAMETER)) {
    source += escapeRegex(definition.pattern.slice(last, match.index));
    names.push(match[1] ?? '');
    source += match[2] === '*' ? '(.+)' : '([^/]+)';
    last = match.index + match[0].length;
  }
  source += escapeRegex(definition.pattern.slice(last));
  return { ...definition, names, regex: new RegExp(`^${source}/?$`) };
}

export function compileRoutes<H>(definitions: readonly RouteDefinition<H>[]): CompiledRoute<H>[] {
  return definitions.map((definition) => compileRoute(definition));
}

/** The first route whose method and pattern match, in declaration order. */
export function matchRoute<H>(
  routes: readonly CompiledRoute<H>[],
  method: string,
  path: string,
): RouteMatch<H> | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.regex.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { route, params };
  }
  return undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
