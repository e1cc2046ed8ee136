// Image references as the docker CLI reads them (distribution/reference):
// `[registry/]path[:tag][@digest]`. One grammar for every check (the New
// container dialog, Tag, Pull, Push, the zod schemas) and one normalisation
// for everything that needs to know which registry a name lives in
// (credentials, login, push errors).

// The grammar: a path of lower-case components, an optional domain in front.
const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainPattern =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?';
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const reference = new RegExp(
  `^(?:(${domainPattern})/)?(${component}(?:/${component})*)(?::(${tagPattern}))?(?:@(${digestPattern}))?$`,
);
const registryHostPattern = new RegExp(`^${domainPattern}$`);

/** Docker Hub's name in references; its credentials live under `HUB_CREDENTIAL_KEY`. */
export const DOCKER_HUB = 'docker.io';
/** The key the CLI stores Docker Hub's credentials under in `~/.docker/config.json`. */
export const HUB_CREDENTIAL_KEY = 'https://index.docker.io/v1/';

export interface ImageReference {
  /** `docker.io` for Docker Hub, else the host (and port) as written: `localhost:5000`. */
  registry: string;
  /** The repository within the registry, Hub's official images under `library/`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** The registry part of `first/rest`, when `first` names a host (as the CLI decides it). */
function isDomain(first: string): boolean {
  return /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
}

/**
 * `text` split and normalised as `docker pull` reads it (`busybox` is
 * docker.io/library/busybox, with no tag: pulling it means `latest`); null when
 * it is no reference (imageReferenceProblem says why).
 */
export function parseImageReference(text: string): ImageReference | null {
  if (text.length > 255 && !text.includes('@')) return null;
  const match = reference.exec(text);
  if (!match) return null;
  let registry = match[1];
  let path = match[2]!;
  if (registry !== undefined && !isDomain(registry)) {
    path = `${registry}/${path}`;
    registry = undefined;
  }
  if (registry === undefined || registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return {
    registry,
    repository: path,
    ...(match[3] !== undefined ? { tag: match[3] } : {}),
    ...(match[4] !== undefined ? { digest: match[4] } : {}),
  };
}

/** Where `text` would be pulled from or pushed to, or null for no reference. */
export function registryOf(text: string): string | null {
  return parseImageReference(text)?.registry ?? null;
}

/** The key of a registry's entry in `~/.docker/config.json` (`auths`, `credHelpers`). */
export function credentialKey(registry: string): string {
  return registry === DOCKER_HUB || registry === 'index.docker.io' ? HUB_CREDENTIAL_KEY : registry;
}

/** A registry as the user names it for `docker login`: a host with an optional port. */
export function isRegistryHost(text: string): boolean {
  return text.length <= 255 && registryHostPattern.test(text);
}

/** `ref` with its repository path in lower case; the registry's host name and the tag kept as typed. */
function lowerCasedPath(ref: string): string {
  const [name = '', digest] = ref.split('@');
  const tag = /:[\w][\w.-]*$/.exec(name.split('/').at(-1) ?? '')?.[0] ?? '';
  const parts = name.slice(0, name.length - tag.length).split('/');
  const host = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!) ? parts.shift()! : null;
  const path = parts.join('/').toLowerCase();
  return `${host ? `${host}/` : ''}${path}${tag}${digest === undefined ? '' : `@${digest}`}`;
}

/** Null when `text` is an image reference the engine accepts; else why not. */
export function imageReferenceProblem(text: string): string | null {
  const ref = text.trim();
  if (ref === '') return 'Give an image, like busybox or nginx:1.27';
  if (/\s/.test(ref)) return 'An image reference has no spaces';
  if (ref.length > 255 && !ref.includes('@')) return 'An image reference is at most 255 characters';
  if (!reference.test(ref)) {
    const lower = lowerCasedPath(ref);
    if (lower !== ref && reference.test(lower)) {
      return `Repository names are lower case: Docker refuses capital letters in a name. Try ${lower}`;
    }
    return `"${ref.slice(0, 80)}" is not an image reference (name[:tag] or name@digest)`;
  }
  return null;
}

/**
 * Null when `text` can name a new tag (`docker tag SOURCE TARGET`): a reference
 * without a digest, since a digest names content and cannot be given; else why not.
 */
export function tagTargetProblem(text: string): string | null {
  if (text.trim() !== text) return 'A tag has no spaces';
  const problem = imageReferenceProblem(text);
  if (problem) return problem;
  if (text.includes('@')) return 'A new tag names a repository and a tag, not a digest';
  return null;
}
