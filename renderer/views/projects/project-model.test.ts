import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { composeSourceOf, logLabelOf, projectsOf, servicesOf } from './project-model.ts';

let created = 100;
function c(
  name: string,
  labels: Record<string, string>,
  over: Partial<ContainerSummary> = {},
): ContainerSummary {
  return {
    id: name.padEnd(12, '0'),
    name,
    image: 'img',
    imageId: 'sha256:x',
    command: '',
    created: created++,
    state: 'running',
    status: 'Up',
    statusAt: 0,
    ports: [],
    labels,
    mounts: [],
    networks: [],
    ...over,
  };
}
const member = (
  project: string,
  service: string,
  n: number,
  over: Partial<ContainerSummary> = {},
) =>
  c(
    `${project}_${service}_${n}`,
    {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(n),
      'com.docker.compose.project.config_files': `/p/${project}/compose.yml`,
      'com.docker.compose.project.working_dir': `/p/${project}`,
    },
    over,
  );

describe('project model', () => {
  it('lists projects with their services and how many containers run', () => {
    const list = [
      member('shop', 'web', 1),
      member('shop', 'db', 1, { state: 'exited' }),
      c('loner', {}),
      member('blog', 'app', 1),
    ];
    expect(projectsOf(list)).toEqual([
      { name: 'blog', services: ['app'], running: 1, total: 1 },
      { name: 'shop', services: ['db', 'web'], running: 1, total: 2 },
    ]);
  });

  it('groups a project by service, replicas in number order, each port once', () => {
    const port = { privatePort: 80, publicPort: 8080, protocol: 'tcp' as const };
    const services = servicesOf([
      member('shop', 'web', 3, { state: 'exited' }),
      member('shop', 'web', 1, { ports: [port] }),
      member('shop', 'web', 2, { ports: [port, { privatePort: 443, protocol: 'tcp' }] }),
      member('shop', 'db', 1, { image: 'db:1' }),
    ]);
    expect(services.map((s) => [s.name, s.containers.map((x) => x.name), s.running])).toEqual([
      ['db', ['shop_db_1'], 1],
      ['web', ['shop_web_1', 'shop_web_2', 'shop_web_3'], 2],
    ]);
    expect(services[1]!.ports).toEqual(['8080:80/tcp']);
    expect(services[0]!.images).toEqual(['db:1']);
  });

  it('prefixes log lines as docker compose logs does', () => {
    expect(logLabelOf(member('shop', 'web', 2))).toBe('web-2');
    expect(logLabelOf(c('plain', {}))).toBe('plain');
  });

  it('finds the compose files and folder in the labels, or says there are none', () => {
    expect(composeSourceOf([member('shop', 'web', 1)])).toEqual({
      files: ['/p/shop/compose.yml'],
      workingDir: '/p/shop',
    });
    expect(
      composeSourceOf([c('x', { 'com.docker.compose.project.config_files': '/a.yml,/b.yml' })]),
    ).toEqual({ files: ['/a.yml', '/b.yml'] });
    expect(composeSourceOf([c('y', { 'com.docker.compose.project': 'y' })])).toBeNull();
  });
});
