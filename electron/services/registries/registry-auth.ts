// The seam between the credentials a user keeps (~/.docker/config.json, its
// credential helpers, Berth's login dialog) and the engine calls that need
// them (pull, push, build's FROM): the engine takes them per request, base64
// JSON in the X-Registry-Auth header, which dockerode builds from `authconfig`.

/** What the engine takes as X-Registry-Auth (dockerode's `authconfig`). */
export interface RegistryAuth {
  username?: string;
  password?: string;
  /** An OAuth refresh token a helper or a login returned, in place of a password. */
  identitytoken?: string;
  /** The registry these are for: `localhost:5000`, or Docker Hub's `https://index.docker.io/v1/`. */
  serveraddress: string;
}

/** The credentials to send for an image reference's registry, if the user has any. */
export type AuthFor = (ref: string) => Promise<RegistryAuth | undefined>;

/**
 * Every login the user keeps, keyed by server address: what a build sends as
 * X-Registry-Config (dockerode's `registryconfig`), since any FROM may need one.
 */
export type AllAuths = () => Promise<Record<string, RegistryAuth>>;
