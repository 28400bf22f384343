/**
 * Docker's `/events` filters as a predicate (moby daemon/events/filter.go): each filter name
 * narrows (AND), the values of one name widen (OR), except `label`, whose values must all match.
 * `container`, `volume` and `network` match the actor's id or name, exactly or by prefix;
 * `image` matches exactly with or without the tag; `event` matches the action, and
 * `health_status` also matches `health_status: healthy`. Pure.
 */
import type { EngineEvent, ListFilters } from './engine-types.js';
import type { EventPredicate } from '../events.js';

/** Actions whose filter matches by prefix, because Docker appends a detail after a colon. */
const PREFIX_ACTIONS = new Set(['health_status', 'exec_create', 'exec_start']);

export function eventFilter(filters: ListFilters): EventPredicate {
  return (event) =>
    matchAction(filters.event, event.Action) &&
    exact(filters.type, event.Type) &&
    exact(filters.scope, event.scope) &&
    matchDaemon(filters.daemon, event) &&
    matchName(filters.container, event) &&
    matchName(filters.volume, event) &&
    matchName(filters.network, event) &&
    matchImage(filters.image, event) &&
    matchLabels(filters.label, event.Actor.Attributes);
}

function exact(values: string[] | undefined, actual: string): boolean {
  return values === undefined || values.length === 0 || values.includes(actual);
}

function fuzzy(values: string[] | undefined, actual: string | undefined): boolean {
  if (values === undefined || values.length === 0) return true;
  if (actual === undefined) return false;
  return values.some((value) => actual === value || actual.startsWith(value));
}

function matchAction(values: string[] | undefined, action: string): boolean {
  if (values === undefined || values.length === 0) return true;
  const prefixed = values.some((value) => PREFIX_ACTIONS.has(value));
  return prefixed ? fuzzy(values, action) : values.includes(action);
}

function matchName(values: string[] | undefined, event: EngineEvent): boolean {
  return fuzzy(values, event.Actor.ID) || fuzzy(values, event.Actor.Attributes.name);
}

function matchDaemon(values: string[] | undefined, event: EngineEvent): boolean {
  if (values === undefined || values.length === 0) return true;
  if (event.Type !== 'daemon') return false;
  return exact(values, event.Actor.ID) || exact(values, event.Actor.Attributes.name ?? '');
}

function matchImage(values: string[] | undefined, event: EngineEvent): boolean {
  if (values === undefined || values.length === 0) return true;
  const name = event.Actor.Attributes[event.Type === 'image' ? 'name' : 'image'] ?? '';
  const id = event.Actor.ID;
  return [id, name, stripTag(id), stripTag(name)].some((candidate) => values.includes(candidate));
}

function matchLabels(values: string[] | undefined, attributes: Record<string, string>): boolean {
  if (values === undefined) return true;
  return values.every((value) => {
    const equals = value.indexOf('=');
    const key = equals < 0 ? value : value.slice(0, equals);
    if (!(key in attributes)) return false;
    return equals < 0 || attributes[key] === value.slice(equals + 1);
  });
}

/** `busybox:1.36` → `busybox`; a registry port (`host:5000/x`) is not a tag. */
function stripTag(reference: string): string {
  const digest = reference.indexOf('@');
  const withoutDigest = digest < 0 ? reference : reference.slice(0, digest);
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}
