import { readFileSync } from 'node:fs';
import type { ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { settingsFromInspect } from './container-settings.ts';
import { otherNetworks, recreateOptions } from './recreate-options.ts';

// Recorded from dockerd 20.10.24 (see fixtures/README.md for the command line).
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
const container = fixture<ContainerInspectInfo>('docker-20.10-container-inspect.json');
const image = fixture<ImageInspectInfo>('docker-20.10-image-inspect.json');
const anonymous = 'c13fd90721cd131f9ad04cb555d3d566e9674be23837f34d4b128c3c13ef9a4a';

describe('settingsFromInspect', () => {
  const { spec, running } = settingsFromInspect(container, image);

  it('reads what was chosen for the container, not what the image brings', () => {
    expect(running).toBe(true);
    expect(spec.name).toBe('fx-web');
    expect(spec.image).toBe('berth-fixture/web:1');
    expect(spec.env).toEqual(['GREETING=hi there']); // PATH and APP_MODE come from the image
    expect(spec.labels).toEqual({ tier: 'front' }); // org.example.maker is the image's
    expect(spec.command).toBeUndefined(); // the image's CMD
    expect(spec.workdir).toBeUndefined();
  });

  it('reads ports, volumes of every kind, restart policy and limits', () => {
    expect(spec.ports).toEqual([
      { containerPort: 53, protocol: 'udp', hostPort: 5353 },
      { containerPort: 80, protocol: 'tcp', hostPort: 8181, hostIp: '127.0.0.1' },
    ]);
    expect(spec.volumes).toEqual([
      { type: 'bind', source: '/tmp/fx/site', target: '/site', readOnly: true },
      { type: 'bind', source: '/tmp/fx', target: '/fx', readOnly: false },
      { type: 'anonymous', target: '/data', readOnly: false },
      { type: 'volume', source: 'fx-cache', target: '/cache', readOnly: false },
    ]);
    expect(spec.restart).toEqual({ name: 'on-failure', maxRetries: 3 });
    expect(spec.memoryBytes).toBe(64 * 1024 * 1024);
    expect(spec.cpuShares).toBe(512);
    expect(spec.network).toBeUndefined(); // "default"
  });

  it('shows everything when the image is gone', () => {
    const bare = settingsFromInspect(container).spec;
    expect(bare.env).toContain('APP_MODE=production');
    expect(bare.command).toEqual(['httpd', '-f', '-p', '80']);
    expect(bare.workdir).toBe('/srv');
  });

  it('splits a longer entrypoint into --entrypoint and the command', () => {
    const custom = structuredClone(container);
    custom.Config.Entrypoint = ['/bin/sh', '-c'];
    custom.Config.Cmd = ['echo hi'];
    const s = settingsFromInspect(custom, image).spec;
    expect(s.entrypoint).toBe('/bin/sh');
    expect(s.command).toEqual(['-c', 'echo hi']);
  });

  it('reads --volumes-from, leaving the volumes it brings to their source', () => {
    const custom = structuredClone(container);
    custom.HostConfig.VolumesFrom = ['store:ro'];
    const cache = custom.Mounts.find((m) => m.Name === 'fx-cache')!;
    const s = settingsFromInspect(custom, image, [cache]).spec;
    expect(s.volumesFrom).toEqual(['store:ro']);
    expect(s.volumes.map((v) => v.target)).toEqual(['/site', '/fx', '/data']);
  });
});

describe('recreateOptions', () => {
  const opts = { name: 'fx-web-new-1', image: 'berth-fixture/web:1', imageVolumes: ['/data'] };

  it('keeps everything when nothing changes, and the anonymous volume by name', () => {
    const o = recreateOptions(container, {}, opts);
    expect(o.name).toBe('fx-web-new-1');
    expect(o.Env).toEqual(container.Config.Env);
    expect(o.Hostname).toBe('custom-host'); // chosen with --hostname, so kept
    expect(o.HostConfig?.Binds).toEqual(['fx-cache:/cache', '/tmp/fx/site:/site:ro']);
    expect(o.HostConfig?.PortBindings).toEqual(container.HostConfig.PortBindings);
    expect(o.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/tmp/fx', Target: '/fx' },
      { Type: 'volume', Source: anonymous, Target: '/data', ReadOnly: false },
    ]);
    expect(o.HostConfig?.Memory).toBe(64 * 1024 * 1024);
  });

  it('replaces ports, env, volumes and restart policy as asked', () => {
    const o = recreateOptions(
      container,
      {
        ports: [{ containerPort: 8080, protocol: 'tcp', hostPort: 9090 }],
        env: ['A=1'],
        volumes: [
          { type: 'volume', source: 'other', target: '/cache', readOnly: true },
          { type: 'anonymous', target: '/data', readOnly: false },
        ],
        restart: { name: 'always' },
      },
      opts,
    );
    expect(o.Env).toEqual(['A=1']);
    expect(o.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(o.HostConfig?.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '', HostPort: '9090' }] });
    expect(o.HostConfig?.Binds).toEqual([]);
    expect(o.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'other', Target: '/cache', ReadOnly: true },
      { Type: 'volume', Source: anonymous, Target: '/data', ReadOnly: false },
    ]);
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: 'always', MaximumRetryCount: 0 });
    expect(o.HostConfig?.Memory).toBe(64 * 1024 * 1024); // untouched
  });

  it('drops a removed anonymous volume the image does not declare', () => {
    const o = recreateOptions(container, { volumes: [] }, { ...opts, imageVolumes: [] });
    expect(o.HostConfig?.Mounts).toEqual([]);
  });

  it('gives the successor its own host name when the old one had the default', () => {
    const plain = structuredClone(container);
    plain.Config.Hostname = plain.Id.slice(0, 12);
    expect(recreateOptions(plain, {}, opts).Hostname).toBeUndefined();
  });

  it('rewrites links and keeps a user network with its aliases', () => {
    const linked = structuredClone(container);
    linked.HostConfig.Links = ['/db:/fx-web/database'];
    linked.HostConfig.NetworkMode = 'backend';
    linked.NetworkSettings.Networks = {
      backend: {
        ...container.NetworkSettings.Networks.bridge!,
        Aliases: [container.Id.slice(0, 12), 'web'],
      },
      extra: { ...container.NetworkSettings.Networks.bridge!, Aliases: ['x'] },
    };
    const o = recreateOptions(linked, {}, opts);
    expect(o.HostConfig?.Links).toEqual(['db:database']);
    expect(o.NetworkingConfig).toEqual({ EndpointsConfig: { backend: { Aliases: ['web'] } } });
    expect(otherNetworks(linked)).toEqual([{ name: 'extra', aliases: ['x'] }]);
  });
});
