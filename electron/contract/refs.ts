// What may name an engine object in a channel's arguments. Every id, name or
// reference that reaches an engine path is checked by one of these first: the
// engine client puts them into URL paths (`/images/<ref>/json`), so `..`, `?`,
// `#`, `%` or a newline must never get that far. Later channels (volumes,
// networks, layers, registries) use the same schemas rather than a bare string.
import { z } from 'zod';
import {
  imageReferenceProblem,
  isRegistryHost,
  parseImageReference,
  tagTargetProblem,
} from './image-reference.ts';
import { CONTAINER_NAME, CONTAINER_NAME_RULE } from './run-spec/spec.ts';

/** A container id (or id prefix) or name, as the engine accepts them (`/web` too). */
export const containerRef = z
  .string()
  .max(256)
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');

/** A full or short container id, as the list has them. */
export const containerId = z.string().regex(/^[0-9a-f]{12,64}$/, 'not a container id');

/** A name for a new container (the engine's own rule). */
export const containerName = z.string().max(255).regex(CONTAINER_NAME, CONTAINER_NAME_RULE);

const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/;

/** A full image id or a layer's diffID: `sha256:` and 64 hex digits. */
export const sha256Digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'not a sha256 digest');

/**
 * An image reference (`[registry/]name[:tag][@digest]`, distribution's grammar)
 * or an image id (`sha256:…` or its hex, 12 characters at least). No spaces
 * around it: the renderer trims what the user typed.
 */
export const imageRef = z
  .string()
  .max(512)
  .superRefine((ref, ctx) => {
    if (IMAGE_ID.test(ref)) return;
    const problem =
      ref.trim() !== ref ? 'An image reference has no spaces' : imageReferenceProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A new name for an image (`docker tag SOURCE TARGET`): `[registry/]name[:tag]`, no digest. */
export const imageTagTarget = z
  .string()
  .max(255)
  .superRefine((ref, ctx) => {
    const problem = tagTargetProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A registry as `docker login` names it: `docker.io`, `localhost:5000`, `registry.example.com`. */
export const registryHost = z
  .string()
  .refine(isRegistryHost, 'not a registry (a host name with an optional :port)');

/** A volume name, as `docker volume create` accepts it. */
export const volumeName = z
  .string()
  .max(255)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/,
    'A volume name starts with a letter or digit and has only letters, digits, _ . and - (2 characters at least)',
  );

/** A network id (or id prefix) or name. */
export const networkRef = z
  .string()
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a network id or name');

/** An engine candidate's id (`managed`, `unix:///…`, `tcp://…`, a context name). Never reaches an engine path. */
export const engineId = z.string().min(1).max(4096);

/**
 * A path inside a container, as `docker cp` and the archive API take it:
 * absolute (the engine resolves a relative one against the working directory,
 * which the page does not know), without NUL (no path can hold one, and the
 * query string would carry it to the engine), and bounded (PATH_MAX).
 */
export const containerPath = z
  .string()
  .max(4096, 'a container path is at most 4096 characters')
  .regex(/^\//, 'a container path starts with /')
  .refine((path) => !path.includes('\0'), 'a container path has no NUL character');

// Volumes' files (issue 13): a path inside a volume, from its root.

/**
 * A path inside a volume, from its root (`/`, `/data/a.txt`): absolute, no NUL,
 * bounded, and no `..` part, so it never leaves the volume for the helper
 * container's own filesystem around it.
 */
export const volumePath = containerPath.refine(
  (path) => !path.split('/').includes('..'),
  'a volume path has no .. part',
);

/** A repository for a new image (`docker commit REPO`): a reference without its tag or digest. */
export const imageRepository = z
  .string()
  .max(255)
  .superRefine((repo, ctx) => {
    const parsed = parseImageReference(repo);
    const problem =
      repo.trim() !== repo
        ? 'A repository has no spaces'
        : parsed?.tag !== undefined || parsed?.digest !== undefined
          ? 'A repository has no tag or digest: give the tag in its own field'
          : imageReferenceProblem(repo);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A tag (`latest`, `1.0`), the engine's rule: up to 128 characters, no leading `.` or `-`. */
export const imageTag = z
  .string()
  .regex(
    /^[\w][\w.-]{0,127}$/,
    'A tag is up to 128 letters, digits, _ . or -, and does not start with . or -',
  );

// --- Compose (issue 13) ---

/**
 * A Compose project name, Compose v2's rule (v1 lowercases and strips the
 * rest itself): lowercase letters, digits, `_` and `-`, starting with a letter
 * or digit. It reaches a command line as `-p NAME` and a label filter.
 */
export const projectName = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'A project name is lowercase letters, digits, _ or -, starting with a letter or digit',
  );

/** A service of a compose file, Compose's rule. */
export const composeServiceName = z
  .string()
  .max(63)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'not a Compose service name');

// ---- Networks (issue 13) ----

/**
 * A name for a new network: the engine's rule (libnetwork's
 * `[a-zA-Z0-9][a-zA-Z0-9_.-]`), checked here so a bad name never reaches it.
 */
export const networkName = z
  .string()
  .min(1, 'A network needs a name')
  .max(255, 'A network name is at most 255 characters')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    'A network name is letters, digits, _ . or -, and starts with a letter or digit',
  );

/** Another name a container answers to on a network (`--alias`): a DNS-style name. */
export const networkAlias = z
  .string()
  .max(255)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    'An alias is letters, digits, _ . or -, and starts with a letter or digit',
  );
