import { describe, expect, it } from 'vitest';
import { parseEndpoint } from './endpoint.ts';

describe('parseEndpoint', () => {
  it('takes the socket path from a unix:// endpoint', () => {
    expect(parseEndpoint('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
  });

  it('turns a Docker named-pipe URL into the path Node opens on Windows', () => {
    expect(parseEndpoint('npipe:////./pipe/docker_engine')).toEqual({
      kind: 'npipe',
      socketPath: '\\\\.\\pipe\\docker_engine',
    });
    expect(parseEndpoint('npipe:////./pipe/podman-machine-default')).toEqual({
      kind: 'npipe',
      socketPath: '\\\\.\\pipe\\podman-machine-default',
    });
  });

  it("uses the CLI's default tcp ports: 2375 plain, 2376 with TLS", () => {
    expect(parseEndpoint('tcp://docker.example')).toEqual({
      kind: 'tcp',
      host: 'docker.example',
      port: 2375,
    });
    expect(parseEndpoint('tcp://docker.example', { tls: true })).toMatchObject({ port: 2376 });
    expect(parseEndpoint('tcp://10.0.0.2:80')).toMatchObject({ port: 80 });
  });

  it('unwraps an IPv6 host', () => {
    expect(parseEndpoint('tcp://[::1]:2375')).toEqual({ kind: 'tcp', host: '::1', port: 2375 });
  });

  it('reads an ssh:// address as the docker CLI does', () => {
    expect(parseEndpoint('ssh://me@host:2222')).toEqual({
      kind: 'ssh',
      address: { user: 'me', host: 'host', port: 2222 },
    });
  });

  it('names schemes it does not speak instead of guessing', () => {
    expect(parseEndpoint('ssh://me:secret@host')).toMatchObject({ kind: 'unsupported' });
    expect(parseEndpoint('fd://')).toMatchObject({ kind: 'unsupported' });
    expect(parseEndpoint('/var/run/docker.sock')).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('not an endpoint URL'),
    });
    expect(parseEndpoint('unix://')).toMatchObject({ kind: 'unsupported' });
    expect(parseEndpoint('tcp://bad host:1')).toMatchObject({ kind: 'unsupported' });
    expect(parseEndpoint('npipe://docker_engine')).toMatchObject({ kind: 'unsupported' });
  });
});
