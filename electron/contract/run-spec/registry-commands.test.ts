import { describe, expect, it } from 'vitest';
import { loginCommand, logoutCommand, pullReference } from './registry-commands.ts';

describe('registry commands', () => {
  it('logs in to Docker Hub without naming it, as the CLI defaults to it', () => {
    expect(loginCommand('docker.io', 'alice', 'posix')).toBe('docker login -u alice');
    expect(logoutCommand('docker.io', 'posix')).toBe('docker logout');
  });

  it('names a private registry and the engine in use, quoting a hostile username', () => {
    expect(loginCommand('localhost:5000', `o'k$(id)`, 'posix', { context: 'berth' })).toBe(
      `docker --context berth login -u 'o'\\''k$(id)' localhost:5000`,
    );
    expect(loginCommand('localhost:5000', `a$b`, 'powershell')).toBe(
      `docker login -u 'a$b' localhost:5000`,
    );
    expect(logoutCommand('registry.example.com:443', 'posix')).toBe(
      'docker logout registry.example.com:443',
    );
  });

  it('pulls Hub official images by their short name', () => {
    expect(pullReference('docker.io', 'library/busybox', '1.36')).toBe('busybox:1.36');
    expect(pullReference('localhost:5000', 'team/app', 'v1')).toBe('localhost:5000/team/app:v1');
  });
});
