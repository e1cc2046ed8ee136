import { describe, expect, it } from 'vitest';
import {
  credentialKey,
  imageReferenceProblem,
  isRegistryHost,
  parseImageReference,
  registryOf,
  tagTargetProblem,
} from './image-reference.ts';

describe('imageReferenceProblem', () => {
  it('accepts what the engine accepts', () => {
    for (const ok of [
      'busybox',
      'nginx:1.27',
      'localhost:5000/team/app:v2',
      'ghcr.io/a/b@sha256:' + 'a'.repeat(64),
    ]) {
      expect(imageReferenceProblem(ok), ok).toBeNull();
    }
  });

  it('refuses what it refuses, saying why', () => {
    expect(imageReferenceProblem('UPPER:case')).toBe(
      'Repository names are lower case: Docker refuses capital letters in a name. Try upper:case',
    );
    // Only the path is lowered: a registry's host and a tag may have capitals.
    expect(imageReferenceProblem('Registry.Example:5000/Team/App:V2')).toMatch(
      /Try Registry.Example:5000\/team\/app:V2$/,
    );
    expect(imageReferenceProblem('Busybox')).toMatch(/Try busybox$/);
    expect(imageReferenceProblem('a b')).toBe('An image reference has no spaces');
    expect(imageReferenceProblem('')).toBe('Give an image, like busybox or nginx:1.27');
    expect(imageReferenceProblem('busybox:')).toMatch(/not an image reference/);
  });
});

describe('parseImageReference', () => {
  it('normalises as docker pull does', () => {
    expect(parseImageReference('busybox')).toEqual({
      registry: 'docker.io',
      repository: 'library/busybox',
    });
    expect(parseImageReference('team/app:v2')).toEqual({
      registry: 'docker.io',
      repository: 'team/app',
      tag: 'v2',
    });
    expect(parseImageReference('index.docker.io/busybox')).toMatchObject({
      registry: 'docker.io',
      repository: 'library/busybox',
    });
    expect(parseImageReference('localhost:5000/berth/app:1')).toEqual({
      registry: 'localhost:5000',
      repository: 'berth/app',
      tag: '1',
    });
    expect(parseImageReference('localhost/app')).toMatchObject({ registry: 'localhost' });
    const digest = 'sha256:' + 'a'.repeat(64);
    expect(parseImageReference(`ghcr.io/a/b@${digest}`)).toEqual({
      registry: 'ghcr.io',
      repository: 'a/b',
      digest,
    });
  });

  it('takes a capitalised first component for a host, as the CLI does', () => {
    expect(registryOf('Registry/app')).toBe('Registry');
    expect(registryOf('registry/app')).toBe('docker.io');
  });

  it('answers null for what is no reference', () => {
    for (const bad of ['', 'UPPER', 'a b', 'busybox:', ':tag', 'x'.repeat(256), 'a//b']) {
      expect(parseImageReference(bad), bad).toBeNull();
    }
  });
});

describe('registries', () => {
  it('keys Docker Hub as the CLI keys it in config.json', () => {
    expect(credentialKey('docker.io')).toBe('https://index.docker.io/v1/');
    expect(credentialKey('localhost:5000')).toBe('localhost:5000');
  });

  it('knows a registry host from anything else', () => {
    for (const ok of ['docker.io', 'localhost:5000', '192.168.50.4:443', 'registry.example.com']) {
      expect(isRegistryHost(ok), ok).toBe(true);
    }
    for (const bad of ['', 'https://x', 'a/b', 'host:port', '-x', 'a b']) {
      expect(isRegistryHost(bad), bad).toBe(false);
    }
  });
});

describe('tagTargetProblem', () => {
  it('takes a name and tag but never a digest', () => {
    expect(tagTargetProblem('localhost:5000/app:1')).toBeNull();
    expect(tagTargetProblem('app@sha256:' + 'a'.repeat(64))).toMatch(/not a digest/);
    expect(tagTargetProblem('App')).toMatch(/lower case/);
    expect(tagTargetProblem(' app:1')).toBe('A tag has no spaces');
  });
});
