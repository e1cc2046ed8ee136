import { describe, expect, it } from 'vitest';
import { wellKnownSockets } from './well-known-sockets.ts';

describe('wellKnownSockets', () => {
  it('lists the native daemon first on Linux, then the desktop tools, then Podman', () => {
    const list = wellKnownSockets({
      platform: 'linux',
      homeDir: '/home/me',
      env: { XDG_RUNTIME_DIR: '/run/user/1000' },
    });

    expect(list).toEqual([
      { endpoint: 'unix:///var/run/docker.sock', label: 'Docker on this Linux machine' },
      { endpoint: 'unix:///run/docker.sock', label: 'Docker on this Linux machine' },
      {
        endpoint: 'unix:///run/user/1000/docker.sock',
        label: 'Docker on this Linux machine (rootless)',
      },
      { endpoint: 'unix:///home/me/.docker/desktop/docker.sock', label: 'Docker Desktop' },
      { endpoint: 'unix:///home/me/.docker/run/docker.sock', label: 'Docker Desktop' },
      { endpoint: 'unix:///home/me/.colima/default/docker.sock', label: 'Colima' },
      { endpoint: 'unix:///home/me/.colima/docker.sock', label: 'Colima' },
      { endpoint: 'unix:///home/me/.orbstack/run/docker.sock', label: 'OrbStack' },
      { endpoint: 'unix:///home/me/.rd/docker.sock', label: 'Rancher Desktop' },
      { endpoint: 'unix:///run/podman/podman.sock', label: 'Podman (rootful)' },
      { endpoint: 'unix:///run/user/1000/podman/podman.sock', label: 'Podman (rootless)' },
    ]);
  });

  it('finds rootless Podman by uid when XDG_RUNTIME_DIR is unset, and skips it without either', () => {
    const byUid = wellKnownSockets({ platform: 'linux', homeDir: '/home/me', env: {}, uid: 1001 });
    const neither = wellKnownSockets({ platform: 'linux', homeDir: '/home/me', env: {} });

    expect(byUid).toContainEqual({
      endpoint: 'unix:///run/user/1001/podman/podman.sock',
      label: 'Podman (rootless)',
    });
    expect(neither.map((s) => s.label)).not.toContain('Podman (rootless)');
  });

  it("puts macOS's /var/run/docker.sock last, so a tool's own name wins for the same socket", () => {
    const list = wellKnownSockets({
      platform: 'darwin',
      homeDir: '/Users/me',
      env: { TMPDIR: '/var/folders/xy/T/' },
    });

    expect(list[0]).toEqual({
      endpoint: 'unix:///Users/me/.docker/run/docker.sock',
      label: 'Docker Desktop',
    });
    expect(list.at(-1)).toEqual({
      endpoint: 'unix:///var/run/docker.sock',
      label: 'Docker on this Mac',
    });
    expect(list).toContainEqual({
      endpoint: 'unix:///var/folders/xy/T/podman/podman-machine-default-api.sock',
      label: 'Podman machine',
    });
    expect(new Set(list.map((s) => s.label))).toEqual(
      new Set([
        'Docker Desktop',
        'Colima',
        'OrbStack',
        'Rancher Desktop',
        'Podman machine',
        'Docker on this Mac',
      ]),
    );
  });

  it('lists the Docker and Podman named pipes on Windows', () => {
    expect(wellKnownSockets({ platform: 'win32', homeDir: 'C:\\Users\\me', env: {} })).toEqual([
      { endpoint: 'npipe:////./pipe/docker_engine', label: 'Docker Desktop' },
      { endpoint: 'npipe:////./pipe/podman-machine-default', label: 'Podman machine' },
    ]);
  });
});
