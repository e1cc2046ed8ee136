// The Images page's rows: one per image id, named by every repo:tag and the
// short id, newest first, filtered by name or id prefix.
import type { ImageSummary } from '../../../electron/contract/channels.ts';

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** What names the row for a screen reader: its tags, then its short id. */
export function imageRowName(image: ImageSummary): string {
  return [...image.repoTags, shortId(image.id)].join(' ');
}

/** What `Run` puts in the Image field: the first tag, or the short id of an untagged image. */
export function runReference(image: ImageSummary): string {
  return image.repoTags[0] ?? shortId(image.id);
}

export function visibleImages(images: ImageSummary[], query: string): ImageSummary[] {
  const q = query.trim().toLowerCase();
  return images
    .filter(
      (i) =>
        !q || shortId(i.id).startsWith(q) || i.repoTags.some((t) => t.toLowerCase().includes(q)),
    )
    .sort((a, b) => b.created - a.created || imageRowName(a).localeCompare(imageRowName(b)));
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
