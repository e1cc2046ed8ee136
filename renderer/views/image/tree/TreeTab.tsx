// Scaffolding: the image page's Tree tab, built by its own piece of work.
import type { ImageSummary } from '../../../../electron/contract/channels.ts';

export function TreeTab({ image }: { image: ImageSummary }) {
  return <p className="empty">The Tree of {image.id} are not shown yet.</p>;
}
