// Hash routes work the same from a file:// page (desktop) and a served one.
import { useSyncExternalStore } from 'react';

export type Route = 'containers' | 'images' | 'volumes' | 'networks' | 'engine';
const routes: Route[] = ['containers', 'images', 'volumes', 'networks', 'engine'];

function current(): Route {
  const name = location.hash.replace(/^#\/?/, '');
  return routes.find((r) => r === name) ?? 'containers';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}
