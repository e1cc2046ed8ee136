// Hash routes work the same from a file:// page (desktop) and a served one:
// `#/containers`, `#/engine`, and `#/containers/<id>` for one container.
import { useSyncExternalStore } from 'react';

export type Section = 'containers' | 'images' | 'volumes' | 'networks' | 'engine';
const sections: Section[] = ['containers', 'images', 'volumes', 'networks', 'engine'];

export interface Route {
  section: Section;
  /** The container (or later image, volume…) the page is about. */
  id?: string;
}

function current(): string {
  return location.hash;
}

export function parseRoute(hash: string): Route {
  const [name = '', id] = hash.replace(/^#\/?/, '').split('/');
  const section = sections.find((s) => s === name) ?? 'containers';
  return id ? { section, id: decodeURIComponent(id) } : { section };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, current));
}

export function containerHref(id: string): string {
  return `#/containers/${encodeURIComponent(id)}`;
}
