import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { buildListItems, COMPOSE_PROJECT_LABEL, type ListOptions } from './list-model.ts';

const c = (name: string, over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: `id-${name}`,
  name,
  image: 'busybox',
  imageId: '',
  command: '',
  created: 0,
  state: 'running',
  status: 'Up 1 second',
  statusAt: 0,
  ports: [],
  mounts: [],
  networks: [],
  labels: {},
  ...over,
});
const inProject = (name: string, project: string, over: Partial<ContainerSummary> = {}) =>
  c(name, { ...over, labels: { [COMPOSE_PROJECT_LABEL]: project } });
const options = (over: Partial<ListOptions> = {}): ListOptions => ({
  query: '',
  showStopped: true,
  sort: { key: 'state', direction: 'ascending' },
  collapsed: new Set(),
  ...over,
});
const names = (items: ReturnType<typeof buildListItems>) =>
  items.map((i) => (i.kind === 'group' ? `[${i.project}]` : i.container.name));

describe('buildListItems', () => {
  it('puts running containers first by default, then by name', () => {
    const list = [c('b', { state: 'exited' }), c('c'), c('a')];
    expect(names(buildListItems(list, options()))).toEqual(['a', 'c', 'b']);
  });

  it('sorts by any column, both ways', () => {
    const list = [c('b', { created: 2 }), c('a', { created: 3 }), c('c', { created: 1 })];
    expect(
      names(buildListItems(list, options({ sort: { key: 'name', direction: 'descending' } }))),
    ).toEqual(['c', 'b', 'a']);
    expect(
      names(buildListItems(list, options({ sort: { key: 'created', direction: 'ascending' } }))),
    ).toEqual(['c', 'b', 'a']);
  });

  it('groups Compose projects under a header row, sorted among the others by project name', () => {
    const list = [c('zeta'), inProject('web-1', 'shop'), inProject('db-1', 'shop'), c('alpha')];
    const items = buildListItems(list, options({ sort: { key: 'name', direction: 'ascending' } }));
    expect(names(items)).toEqual(['alpha', '[shop]', 'db-1', 'web-1', 'zeta']);
    const group = items[1]!;
    expect(group.kind === 'group' && group.containers.map((x) => x.name)).toEqual([
      'db-1',
      'web-1',
    ]);
  });

  it('hides the members of a collapsed project', () => {
    const list = [inProject('web-1', 'shop'), c('alpha')];
    const items = buildListItems(list, options({ collapsed: new Set(['shop']) }));
    expect(names(items)).toEqual(['alpha', '[shop]']);
  });

  it('filters and hides stopped containers when asked, dropping empty projects', () => {
    const list = [
      c('web'),
      c('old', { state: 'exited' }),
      inProject('job', 'batch', { state: 'exited' }),
    ];
    expect(names(buildListItems(list, options({ showStopped: false })))).toEqual(['web']);
    expect(names(buildListItems(list, options({ query: 'ol' })))).toEqual(['old']);
  });

  it('keeps every one of a thousand containers', () => {
    const list = Array.from({ length: 1000 }, (_, i) =>
      c(`c${i}`, { state: i % 2 ? 'running' : 'exited' }),
    );
    expect(buildListItems(list, options())).toHaveLength(1000);
  });
});
