// TODO(issue 13, volumes/networks stores): the project's networks and volumes,
// filtered by the com.docker.compose.project label, once useVolumesStore and
// useNetworksStore are on main.
export function ProjectResources(_props: { project: string }) {
  return null;
}
