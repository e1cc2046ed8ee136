// Where the common engines put their API socket, per OS, in the order
// discovery lists them. Paths come from each product's documentation and
// defaults; a tool that moved its socket between versions gets both paths,
// and discovery folds duplicates (symlinks included) into the first.
import path from 'node:path';

export interface WellKnownSocket {
  endpoint: string;
  label: string;
}

interface WellKnownInputs {
  platform: NodeJS.Platform;
  homeDir: string;
  env: Record<string, string | undefined>;
  /** For rootless Podman's /run/user/<uid> when XDG_RUNTIME_DIR is unset. */
  uid?: number;
}

export function wellKnownSockets(inputs: WellKnownInputs): WellKnownSocket[] {
  switch (inputs.platform) {
    case 'win32':
      return windowsPipes();
    case 'darwin':
      return macSockets(inputs);
    default:
      // Linux, and the BSDs, where the same tools (native, Podman) keep the same paths.
      return linuxSockets(inputs);
  }
}

function linuxSockets({ homeDir, env, uid }: WellKnownInputs): WellKnownSocket[] {
  const home = (...parts: string[]) => unix(path.posix.join(homeDir, ...parts));
  const runtimeDir = env.XDG_RUNTIME_DIR || (uid !== undefined ? `/run/user/${uid}` : undefined);
  return [
    // /var/run is a link to /run on most distributions; both are listed for those where it is not.
    { endpoint: 'unix:///var/run/docker.sock', label: 'Docker on this Linux machine' },
    { endpoint: 'unix:///run/docker.sock', label: 'Docker on this Linux machine' },
    ...(runtimeDir
      ? [
          {
            endpoint: unix(path.posix.join(runtimeDir, 'docker.sock')),
            label: 'Docker on this Linux machine (rootless)',
          },
        ]
      : []),
    { endpoint: home('.docker', 'desktop', 'docker.sock'), label: 'Docker Desktop' },
    { endpoint: home('.docker', 'run', 'docker.sock'), label: 'Docker Desktop' },
    { endpoint: home('.colima', 'default', 'docker.sock'), label: 'Colima' },
    { endpoint: home('.colima', 'docker.sock'), label: 'Colima' },
    { endpoint: home('.orbstack', 'run', 'docker.sock'), label: 'OrbStack' },
    { endpoint: home('.rd', 'docker.sock'), label: 'Rancher Desktop' },
    { endpoint: 'unix:///run/podman/podman.sock', label: 'Podman (rootful)' },
    ...(runtimeDir
      ? [
          {
            endpoint: unix(path.posix.join(runtimeDir, 'podman', 'podman.sock')),
            label: 'Podman (rootless)',
          },
        ]
      : []),
  ];
}

function macSockets({ homeDir, env }: WellKnownInputs): WellKnownSocket[] {
  const home = (...parts: string[]) => unix(path.posix.join(homeDir, ...parts));
  return [
    // Docker Desktop 4.13+ uses ~/.docker/run; older releases served from the app's container folder.
    { endpoint: home('.docker', 'run', 'docker.sock'), label: 'Docker Desktop' },
    {
      endpoint: home('Library', 'Containers', 'com.docker.docker', 'Data', 'docker.raw.sock'),
      label: 'Docker Desktop',
    },
    { endpoint: home('.colima', 'default', 'docker.sock'), label: 'Colima' },
    { endpoint: home('.colima', 'docker.sock'), label: 'Colima' },
    { endpoint: home('.orbstack', 'run', 'docker.sock'), label: 'OrbStack' },
    { endpoint: home('.rd', 'docker.sock'), label: 'Rancher Desktop' },
    // Podman 5 puts the machine's API socket in $TMPDIR; Podman 4 in its data folder.
    ...(env.TMPDIR
      ? [
          {
            endpoint: unix(
              path.posix.join(env.TMPDIR, 'podman', 'podman-machine-default-api.sock'),
            ),
            label: 'Podman machine',
          },
        ]
      : []),
    {
      endpoint: home(
        '.local',
        'share',
        'containers',
        'podman',
        'machine',
        'podman-machine-default',
        'podman.sock',
      ),
      label: 'Podman machine',
    },
    // Last: on macOS this is a link one of the tools above made, and the
    // tool's own entry gives it a better name. Left alone it means "whatever
    // linked itself here".
    { endpoint: 'unix:///var/run/docker.sock', label: 'Docker on this Mac' },
  ];
}

function windowsPipes(): WellKnownSocket[] {
  return [
    // Docker Desktop's pipe; Docker Engine on Windows Server and Rancher Desktop (moby) use it too.
    { endpoint: 'npipe:////./pipe/docker_engine', label: 'Docker Desktop' },
    { endpoint: 'npipe:////./pipe/podman-machine-default', label: 'Podman machine' },
  ];
}

function unix(socketPath: string): string {
  return `unix://${socketPath}`;
}
