// Which of an image's names a push sends first: the first that names a
// registry (`localhost:5000/app:1`), since a bare name would go to Docker Hub.
import { parseImageReference } from '../../../../electron/contract/image-reference.ts';

/** Names a registry explicitly (a host before the first slash), as `docker push` reads it. */
export function namesRegistry(repoTag: string): boolean {
  const first = repoTag.split('/')[0] ?? '';
  return repoTag.includes('/') && (/[.:]/.test(first) || first === 'localhost');
}

export function defaultPushRef(repoTags: readonly string[]): string | undefined {
  return (
    repoTags.find(namesRegistry) ?? repoTags.find((t) => parseImageReference(t)) ?? repoTags[0]
  );
}
