import { describe, expect, it } from 'vitest';
import { buildCommandLine, dockerfileArg } from './image-build-command.ts';

describe('docker build command', () => {
  it('writes every option as the CLI takes it, with the classic builder', () => {
    expect(
      buildCommandLine(
        {
          context: '/src/app',
          dockerfile: 'docker/Dockerfile.dev',
          tags: ['web:1', 'web:latest'],
          buildArgs: ['VERSION=1.2'],
          target: 'build',
          noCache: true,
          pull: true,
        },
        'posix',
      ),
    ).toBe(
      'DOCKER_BUILDKIT=0 docker build -t web:1 -t web:latest --build-arg VERSION=1.2 --target build -f /src/app/docker/Dockerfile.dev --no-cache --pull /src/app',
    );
  });

  it('leaves out what is at its default, and points at the engine in use', () => {
    expect(
      buildCommandLine(
        { context: '/src/a b', dockerfile: 'Dockerfile', tags: [], buildArgs: [] },
        'powershell',
        { host: 'unix:///run/berth.sock' },
      ),
    ).toBe("$env:DOCKER_BUILDKIT=0; docker -H unix:///run/berth.sock build '/src/a b'");
  });

  it('makes a relative -f absolute (the CLI reads it from the current folder)', () => {
    expect(dockerfileArg('/src/app/', './Dockerfile.x')).toBe('/src/app/Dockerfile.x');
    expect(dockerfileArg('C:\\src\\app', 'docker/Dockerfile')).toBe(
      'C:\\src\\app\\docker\\Dockerfile',
    );
    expect(dockerfileArg('/src/app', '/other/Dockerfile')).toBe('/other/Dockerfile');
  });
});
