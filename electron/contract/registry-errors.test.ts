import { describe, expect, it } from 'vitest';
import { classifyRegistryFailure, registryProblemOf } from './registry-errors.ts';

// The engine's exact words (dockerd 20.10 with distribution 2.8, and Docker
// Hub). "denied" cannot be produced by the local test registry: Hub's text
// for a push under someone else's name is quoted here as the engine prints it.
const words = {
  noCredentials:
    'Get "http://localhost:5000/v2/berth/private/manifests/1": no basic auth credentials',
  wrongPassword: 'unauthorized: authentication required',
  hubDenied: 'denied: requested access to the resource is denied',
  hubPullDenied:
    "pull access denied for someone/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  noTag:
    'manifest for localhost:5000/berth/blob:nope not found: manifest unknown: manifest unknown',
  refused:
    'Get "http://127.0.0.1:40123/v2/": dial tcp 127.0.0.1:40123: connect: connection refused',
  noHost:
    'Get "https://registry.invalid/v2/": dial tcp: lookup registry.invalid on 10.0.0.1:53: no such host',
  platform:
    'image with reference localhost:5000/berth/blob:1 was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64',
  other: 'toomanyrequests: You have reached your pull rate limit.',
};

describe('registry failures', () => {
  it.each([
    ['noCredentials', 'unauthorized'],
    ['wrongPassword', 'unauthorized'],
    ['hubDenied', 'denied'],
    ['hubPullDenied', 'denied'],
    ['noTag', 'not-found'],
    ['refused', 'unreachable'],
    ['noHost', 'unreachable'],
    ['platform', 'platform'],
    ['other', 'other'],
  ] as const)('reads %s as %s', (key, problem) => {
    expect(registryProblemOf(words[key])).toBe(problem);
  });

  it('offers a login for unauthorized and denied, naming the registry', () => {
    const push = classifyRegistryFailure(words.wrongPassword, 'localhost:5000/berth/x:1', 'push');
    expect(push).toMatchObject({ needsLogin: true, registry: 'localhost:5000' });
    expect(push.message).toBe(
      "Couldn't push localhost:5000/berth/x:1: localhost:5000 wants a user name and password, and has none it accepts",
    );
    const denied = classifyRegistryFailure(words.hubDenied, 'someone/app:1', 'push');
    expect(denied).toMatchObject({ problem: 'denied', needsLogin: true, registry: 'docker.io' });
    expect(denied.message).toContain('Docker Hub denied access');
    expect(denied.hint).toContain('your own name');
  });

  it('says what to do when nothing answers, without a login', () => {
    const f = classifyRegistryFailure(words.refused, '127.0.0.1:40123/x:1', 'pull');
    expect(f).toMatchObject({ problem: 'unreachable', needsLogin: false });
    expect(f.message).toBe(
      "Couldn't pull 127.0.0.1:40123/x:1: no registry answers at 127.0.0.1:40123",
    );
    expect(f.hint).toContain('registry is reachable');
  });

  it('keeps an unknown failure in the engine’s words', () => {
    expect(classifyRegistryFailure(words.other, 'busybox', 'pull')).toMatchObject({
      problem: 'other',
      message: `Couldn't pull busybox: ${words.other}`,
      needsLogin: false,
    });
  });
});
