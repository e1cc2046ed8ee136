// The image page's Tree tab: the same tree as the Images page's, with this
// image selected and the way down to it open.
import type { ImageSummary } from '../../../../electron/contract/channels.ts';
import { useImages } from '../../images/use-images.ts';
import { SharingTree } from './SharingTree.tsx';

export function TreeTab({ image }: { image: ImageSummary }) {
  const { images } = useImages();
  return <SharingTree key={image.id} images={images} selected={image.id} />;
}
