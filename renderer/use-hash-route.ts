// Hash routes work the same from a file:// page (desktop) and a served one:
// `#/containers`, `#/engine`, `#/registries`, `#/swarm`, `#/containers/<id>` for one container, `#/images/<id>` for one image,
// `#/volumes/<name>`, `#/networks/<name>` and `#/projects/<name>` for one volume, network or Compose project.
import { useSyncExternalStore } from 'react';

export type Section =
  | 'containers'
  | 'images'
  | 'volumes'
  | 'networks'
  | 'projects'
  | 'disk'
  | 'events'
  | 'swarm'
  | 'engine'
  | 'registries'
  | 'settings';
const sections: Section[] = [
  'containers',
  'images',
  'volumes',
  'networks',
  'projects',
  'disk',
  'events',
  'swarm',
  'engine',
  'registries',
  'settings',
];

export interface Route {
  section: Section;
  /** The container (or later image, volume…) the page is about. */
  id?: string;
  /** A tab of that page to show (`#/containers/<id>/logs`). */
  tab?: string;
}

function current(): string {
  return location.hash;
}

export function parseRoute(hash: string): Route {
  const [name = '', id, tab] = hash.replace(/^#\/?/, '').split('/');
  const section = sections.find((s) => s === name) ?? 'containers';
  if (!id) return { section };
  return tab
    ? { section, id: decodeURIComponent(id), tab }
    : { section, id: decodeURIComponent(id) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, current));
}

export function containerHref(id: string, tab?: string): string {
  return `#/containers/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
}

/** `#/images/<id>`, optionally on a tab (`layers`, `files`, `tree`). */
export function imageHref(id: string, tab?: string): string {
  return `#/images/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
}

/** `#/volumes/<name>`, optionally on a tab (`files`). */
export function volumeHref(name: string, tab?: string): string {
  return `#/volumes/${encodeURIComponent(name)}${tab ? `/${tab}` : ''}`;
}

/** `#/networks/<name>`. */
export function networkHref(name: string): string {
  return `#/networks/${encodeURIComponent(name)}`;
}

/** `#/projects/<name>`, optionally on a tab (`logs`). */
export function projectHref(name: string, tab?: string): string {
  return `#/projects/${encodeURIComponent(name)}${tab ? `/${tab}` : ''}`;
}
