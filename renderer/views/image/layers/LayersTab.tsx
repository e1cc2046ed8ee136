// Scaffolding: the image page's Layers tab, built by its own piece of work.
import type { ImageSummary } from '../../../../electron/contract/channels.ts';

export function LayersTab({ image }: { image: ImageSummary }) {
  return <p className="empty">The Layers of {image.id} are not shown yet.</p>;
}
