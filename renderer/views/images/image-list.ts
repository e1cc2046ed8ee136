// The Images page's rows: one per image id, named by every repo:tag and the
// short id; filtered by name, id prefix or the containers using it; sorted by
// the column the user picked.
import type { ImageSummary } from '../../../electron/contract/channels.ts';

export type ImageSortKey = 'repository' | 'tag' | 'created' | 'size' | 'shared';
export interface ImageSortOrder {
  key: ImageSortKey;
  direction: 'ascending' | 'descending';
}

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** What names the row for a screen reader: its tags, then its short id. */
export function imageRowName(image: ImageSummary): string {
  return [...image.repoTags, shortId(image.id)].join(' ');
}

/** What `Run` puts in the Image field: the first tag, or the short id of an untagged image. */
export function runReference(image: ImageSummary): string {
  return image.repoTags[0] ?? shortId(image.id);
}

/** `registry:5000/team/web:1` -> `registry:5000/team/web` and `1` (a port is not a tag). */
export function splitRepoTag(repoTag: string): { repository: string; tag: string } {
  const colon = repoTag.lastIndexOf(':');
  if (colon <= repoTag.lastIndexOf('/')) return { repository: repoTag, tag: '' };
  return { repository: repoTag.slice(0, colon), tag: repoTag.slice(colon + 1) };
}

const first = (image: ImageSummary) => splitRepoTag(image.repoTags[0] ?? '');

function compare(a: ImageSummary, b: ImageSummary, key: ImageSortKey): number {
  switch (key) {
    case 'repository':
      return first(a).repository.localeCompare(first(b).repository);
    case 'tag':
      return first(a).tag.localeCompare(first(b).tag);
    case 'created':
      return a.created - b.created;
    case 'size':
      return a.size - b.size;
    case 'shared':
      return (a.sharedSize ?? -1) - (b.sharedSize ?? -1);
  }
}

export function matchesImage(image: ImageSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  return (
    !q ||
    shortId(image.id).startsWith(q) ||
    image.repoTags.some((t) => t.toLowerCase().includes(q)) ||
    image.usedBy.some((name) => name.toLowerCase().includes(q)) ||
    (image.dangling && 'dangling'.startsWith(q))
  );
}

export const NEWEST_FIRST: ImageSortOrder = { key: 'created', direction: 'descending' };

export function visibleImages(
  images: ImageSummary[],
  query: string,
  sort: ImageSortOrder = NEWEST_FIRST,
): ImageSummary[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // By name, untagged images come last whichever the direction: they have none.
  const byName = sort.key === 'repository' || sort.key === 'tag';
  const untaggedLast = (a: ImageSummary, b: ImageSummary) =>
    byName ? Number(a.dangling) - Number(b.dangling) : 0;
  return images
    .filter((i) => matchesImage(i, query))
    .sort(
      (a, b) =>
        untaggedLast(a, b) ||
        sign * compare(a, b, sort.key) ||
        imageRowName(a).localeCompare(imageRowName(b)),
    );
}

export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
