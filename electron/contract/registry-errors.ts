// What a failed pull or push means, from the engine's own words: the engine
// reports every registry failure as text, so the kind is read from it. The
// words stay in the envelope's engineMessage; this adds ours and what to do,
// and whether logging in could help (the alert then offers "Log in").
import { registryOf } from './image-reference.ts';

export type RegistryProblem =
  'unauthorized' | 'denied' | 'not-found' | 'unreachable' | 'platform' | 'other';

export interface RegistryFailure {
  problem: RegistryProblem;
  /** The registry the reference names (`docker.io` for Docker Hub). */
  registry: string | null;
  /** Logging in (again) may fix it. */
  needsLogin: boolean;
  /** What happened, in our words, starting "Couldn't pull REF" / "Couldn't push REF". */
  message: string;
  hint: string;
}

// Order matters: Hub says "pull access denied … repository does not exist or
// may require 'docker login'", which is a denial, not a missing tag.
const patterns: [RegistryProblem, RegExp][] = [
  [
    'unauthorized',
    /no basic auth credentials|unauthorized|authentication required|incorrect username or password/i,
  ],
  ['denied', /denied|insufficient_scope|forbidden/i],
  ['platform', /does not match the specified platform|no matching manifest for/i],
  ['not-found', /manifest unknown|not found|name unknown|does not exist/i],
  [
    'unreachable',
    /connection refused|no such host|server misbehaving|i\/o timeout|no route to host|network is unreachable|dial tcp|connection reset|http response to https client|tls: |x509: |no answer from the registry/i,
  ],
];

export function registryProblemOf(engineMessage: string): RegistryProblem {
  return patterns.find(([, pattern]) => pattern.test(engineMessage))?.[0] ?? 'other';
}

const hubName = (registry: string) => (registry === 'docker.io' ? 'Docker Hub' : registry);

export function classifyRegistryFailure(
  engineMessage: string,
  ref: string,
  verb: 'pull' | 'push',
): RegistryFailure {
  const problem = registryProblemOf(engineMessage);
  const registry = registryOf(ref);
  const where = registry ? hubName(registry) : 'the registry';
  const couldnt = `Couldn't ${verb} ${ref}`;
  const base = {
    problem,
    registry,
    needsLogin: problem === 'unauthorized' || problem === 'denied',
  };
  switch (problem) {
    case 'unauthorized':
      return {
        ...base,
        message: `${couldnt}: ${where} wants a user name and password, and has none it accepts`,
        hint: `Log in to ${where} with an account that may ${verb} it, then try again.`,
      };
    case 'denied':
      return {
        ...base,
        message: `${couldnt}: ${where} denied access to it`,
        hint:
          verb === 'push'
            ? `You may push only to repositories your account may write: tag the image under your own name (your-user/name), or log in as a user with access.`
            : `The repository does not exist, or it is private: check the name, or log in with an account that may read it.`,
      };
    case 'not-found':
      return {
        ...base,
        message: `${couldnt}: ${where} has no such repository or tag`,
        hint: 'Check the name and the tag: the registry lists which tags exist.',
      };
    case 'platform':
      return {
        ...base,
        message: `${couldnt}: it has no image for that platform`,
        hint: 'Leave Platform empty to get the engine’s own, or pick one the image is built for.',
      };
    case 'unreachable':
      return {
        ...base,
        message: `${couldnt}: no registry answers at ${where}`,
        hint: `Check the registry's address and port, that it runs, and that the registry is reachable from the engine.`,
      };
    case 'other':
      return {
        ...base,
        message: `${couldnt}: ${engineMessage}`,
        hint:
          verb === 'pull'
            ? 'Check the image name and that its registry is reachable from the engine. Without a registry, build or load the image instead.'
            : 'Check the name and that the registry is reachable from the engine.',
      };
  }
}
