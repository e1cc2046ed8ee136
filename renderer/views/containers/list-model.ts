// What the Containers grid shows, as a flat list of items: filtered, sorted,
// and with Compose projects grouped under a collapsible header row. Pure, so
// the grid can virtualise any number of items.
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { isActive, matchesFilter } from './container-filter.ts';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

export type SortKey = 'name' | 'image' | 'state' | 'created';
export interface SortOrder {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

export type ListItem =
  | { kind: 'group'; project: string; containers: ContainerSummary[]; collapsed: boolean }
  | { kind: 'container'; container: ContainerSummary; project?: string };

export interface ListOptions {
  query: string;
  showStopped: boolean;
  sort: SortOrder;
  collapsed: ReadonlySet<string>;
}

const stateRank: Record<ContainerSummary['state'], number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  removing: 3,
  created: 4,
  exited: 5,
  dead: 6,
};

function compare(a: ContainerSummary, b: ContainerSummary, key: SortKey): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name);
    case 'image':
      return a.image.localeCompare(b.image) || a.name.localeCompare(b.name);
    case 'state':
      return stateRank[a.state] - stateRank[b.state] || a.name.localeCompare(b.name);
    case 'created':
      return a.created - b.created || a.name.localeCompare(b.name);
  }
}

/** A group sorts like a container that has its project's name, best state and newest time. */
function groupStandIn(project: string, members: ContainerSummary[]): ContainerSummary {
  const best = members.reduce((x, y) => (stateRank[y.state] < stateRank[x.state] ? y : x));
  return { ...best, name: project, image: '', created: Math.max(...members.map((m) => m.created)) };
}

export function buildListItems(all: Iterable<ContainerSummary>, opts: ListOptions): ListItem[] {
  const sign = opts.sort.direction === 'ascending' ? 1 : -1;
  const byOrder = (a: ContainerSummary, b: ContainerSummary) => sign * compare(a, b, opts.sort.key);
  const groups = new Map<string, ContainerSummary[]>();
  const standalone: ContainerSummary[] = [];
  for (const c of all) {
    if (!(opts.showStopped || isActive(c)) || !matchesFilter(c, opts.query)) continue;
    const project = c.labels[COMPOSE_PROJECT_LABEL];
    if (project) groups.set(project, [...(groups.get(project) ?? []), c]);
    else standalone.push(c);
  }
  const entries: { key: ContainerSummary; items: () => ListItem[] }[] = [
    ...standalone.map((c) => ({
      key: c,
      items: (): ListItem[] => [{ kind: 'container', container: c }],
    })),
    ...[...groups].map(([project, members]) => ({
      key: groupStandIn(project, members),
      items: (): ListItem[] => {
        const collapsed = opts.collapsed.has(project);
        const sorted = [...members].sort(byOrder);
        const head: ListItem = { kind: 'group', project, containers: sorted, collapsed };
        return collapsed
          ? [head]
          : [head, ...sorted.map((c): ListItem => ({ kind: 'container', container: c, project }))];
      },
    })),
  ];
  return entries.sort((a, b) => byOrder(a.key, b.key)).flatMap((e) => e.items());
}
