import { describe, expect, it } from 'vitest';
import { classifyProbeFailure, permissionHint } from './probe-classify.ts';

function errno(code: string, message = `connect ${code}`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

const linuxSocket = { endpoint: 'unix:///var/run/docker.sock', platform: 'linux' as const };

describe('classifyProbeFailure', () => {
  it('turns EACCES into permission-denied with the Linux fix naming the socket group', () => {
    const result = classifyProbeFailure(
      { kind: 'error', error: errno('EACCES') },
      { ...linuxSocket, socketGroup: 'docker' },
    );

    expect(result).toEqual({
      state: 'permission-denied',
      detail: 'You may not open /var/run/docker.sock (permission denied).',
      hint: expect.stringContaining('`sudo usermod -aG docker $USER`, then log out and back in'),
    });
  });

  it('treats EPERM like EACCES', () => {
    const result = classifyProbeFailure({ kind: 'error', error: errno('EPERM') }, linuxSocket);

    expect(result.state).toBe('permission-denied');
  });

  it("names the socket's own group in the Linux fix", () => {
    const result = classifyProbeFailure(
      { kind: 'error', error: errno('EACCES') },
      { ...linuxSocket, socketGroup: 'podman' },
    );

    expect(result.hint).toContain('`sudo usermod -aG podman $USER`');
  });

  it('gives the macOS and Windows fixes on those systems', () => {
    const mac = classifyProbeFailure(
      { kind: 'error', error: errno('EACCES') },
      { endpoint: 'unix:///Users/me/.docker/run/docker.sock', platform: 'darwin' },
    );
    const windows = classifyProbeFailure(
      { kind: 'error', error: errno('EPERM') },
      { endpoint: 'npipe:////./pipe/docker_engine', platform: 'win32' },
    );

    expect(mac.hint).toContain('Docker Desktop');
    expect(mac.hint).toContain('running as you');
    expect(windows.detail).toContain('\\\\.\\pipe\\docker_engine');
    expect(windows.hint).toContain('"docker-users"');
  });

  it('turns a missing socket and a refused connection into unreachable with plain words', () => {
    expect(classifyProbeFailure({ kind: 'error', error: errno('ENOENT') }, linuxSocket)).toEqual({
      state: 'unreachable',
      detail: 'Not found: nothing exists at /var/run/docker.sock.',
    });
    expect(
      classifyProbeFailure({ kind: 'error', error: errno('ECONNREFUSED') }, linuxSocket),
    ).toEqual({
      state: 'unreachable',
      detail:
        'Nothing is listening at /var/run/docker.sock (connection refused): the engine is not running.',
    });
  });

  it('turns the deadline and ETIMEDOUT into timeout', () => {
    expect(classifyProbeFailure({ kind: 'deadline', timeoutMs: 1500 }, linuxSocket)).toMatchObject({
      state: 'timeout',
      detail: expect.stringContaining('within 1500 ms'),
    });
    expect(
      classifyProbeFailure(
        { kind: 'error', error: errno('ETIMEDOUT') },
        { endpoint: 'tcp://10.0.0.9:2375', platform: 'linux' },
      ),
    ).toMatchObject({ state: 'timeout', detail: expect.stringContaining('10.0.0.9:2375') });
  });

  it('quotes the HTTP status and the start of the body', () => {
    const result = classifyProbeFailure(
      { kind: 'http', path: '/_ping', status: 500, body: `  ${'x'.repeat(1000)}  ` },
      linuxSocket,
    );

    expect(result.state).toBe('unreachable');
    expect(result.detail).toMatch(/^\/var\/run\/docker\.sock answered \/_ping with HTTP 500: x+$/);
    expect(result.detail?.length).toBeLessThan(400);
  });

  it('says when something answered, but not with HTTP', () => {
    const result = classifyProbeFailure(
      { kind: 'error', error: errno('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/') },
      linuxSocket,
    );

    expect(result.detail).toContain('not with HTTP');
  });

  it('keeps the message and code of an error it has no words for', () => {
    const result = classifyProbeFailure(
      { kind: 'error', error: errno('EWEIRD', 'something odd') },
      { endpoint: 'tcp://[::1]:2375', platform: 'linux' },
    );

    expect(result).toEqual({
      state: 'unreachable',
      detail: "Couldn't reach [::1]:2375: something odd (EWEIRD)",
    });
  });
});

describe('permissionHint', () => {
  it('does not tell Linux users to join root; it says why joining is not enough', () => {
    const hint = permissionHint('linux', 'root');

    expect(hint).toContain("The socket's group is root");
    expect(hint).not.toContain('usermod -aG root');
  });

  it('falls back to the docker group when the socket group is unknown', () => {
    expect(permissionHint('linux')).toContain('`sudo usermod -aG docker $USER`');
  });
});

describe('classifyProbeFailure on a TLS port spoken to in plain HTTP', () => {
  it("turns Go's 400 answer into 'expects TLS' with how to turn TLS on", () => {
    const result = classifyProbeFailure(
      {
        kind: 'http',
        path: '/_ping',
        status: 400,
        body: 'Client sent an HTTP request to an HTTPS server.\n',
      },
      { endpoint: 'tcp://10.0.0.2:2376', platform: 'linux' },
    );

    expect(result).toEqual({
      state: 'unreachable',
      detail: '10.0.0.2:2376 expects TLS, and Berth spoke plain HTTP to it.',
      hint: expect.stringContaining('DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH'),
    });
  });
});
