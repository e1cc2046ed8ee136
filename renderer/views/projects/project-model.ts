// Compose projects as the containers' labels describe them: which projects
// exist, their services with containers, replicas, images and ports, and
// where their compose files are. Pure, so the pages only render it.
import {
  COMPOSE_CONFIG_FILES,
  COMPOSE_NUMBER,
  COMPOSE_PROJECT,
  COMPOSE_SERVICE,
  COMPOSE_WORKING_DIR,
} from '../../../electron/contract/compose-channels.ts';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { isActive } from '../containers/container-filter.ts';

export interface ProjectSummary {
  name: string;
  services: string[];
  running: number;
  total: number;
}

export interface ServiceSummary {
  name: string;
  /** By replica number. */
  containers: ContainerSummary[];
  running: number;
  images: string[];
  /** `8080:80/tcp`, each published port once. */
  ports: string[];
}

export const projectOfContainer = (c: ContainerSummary): string | undefined =>
  c.labels[COMPOSE_PROJECT] || undefined;

const serviceOf = (c: ContainerSummary): string => c.labels[COMPOSE_SERVICE] ?? c.name;
const numberOf = (c: ContainerSummary): number => Number(c.labels[COMPOSE_NUMBER] ?? 0) || 0;
const unique = (values: string[]) => [...new Set(values)].sort();

export function projectsOf(containers: ContainerSummary[]): ProjectSummary[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const project = projectOfContainer(c);
    if (project) byProject.set(project, [...(byProject.get(project) ?? []), c]);
  }
  return [...byProject]
    .map(([name, members]) => ({
      name,
      services: unique(members.map(serviceOf)),
      running: members.filter(isActive).length,
      total: members.length,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function containersOfProject(
  containers: ContainerSummary[],
  project: string,
): ContainerSummary[] {
  return containers.filter((c) => projectOfContainer(c) === project);
}

export function servicesOf(members: ContainerSummary[]): ServiceSummary[] {
  const byService = new Map<string, ContainerSummary[]>();
  for (const c of members) byService.set(serviceOf(c), [...(byService.get(serviceOf(c)) ?? []), c]);
  return [...byService]
    .map(([name, list]) => {
      const containers = [...list].sort(
        (a, b) => numberOf(a) - numberOf(b) || a.name.localeCompare(b.name),
      );
      return {
        name,
        containers,
        running: containers.filter(isActive).length,
        images: unique(containers.map((c) => c.image)),
        ports: unique(
          containers.flatMap((c) =>
            c.ports
              .filter((p) => p.publicPort)
              .map((p) => `${p.publicPort}:${p.privatePort}/${p.protocol}`),
          ),
        ),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A line's prefix in the merged logs, as `docker compose logs` prints it: `web-2`. */
export function logLabelOf(c: ContainerSummary): string {
  const number = numberOf(c);
  return number ? `${serviceOf(c)}-${number}` : c.name;
}

/**
 * The compose files and folder the project was brought up from, from the
 * newest container's labels; null when no container says (made by hand, or
 * by a Compose too old to label them).
 */
export function composeSourceOf(
  members: ContainerSummary[],
): { files: string[]; workingDir?: string } | null {
  const newest = [...members].sort((a, b) => b.created - a.created);
  for (const c of newest) {
    const files = (c.labels[COMPOSE_CONFIG_FILES] ?? '').split(',').filter(Boolean);
    if (files.length === 0) continue;
    const workingDir = c.labels[COMPOSE_WORKING_DIR];
    return workingDir ? { files, workingDir } : { files };
  }
  return null;
}
