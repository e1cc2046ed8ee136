// One image: its names and size, and tabs for how it is made: the Layers
// (history matched to layers), the Files of each layer, and the Tree of local
// images sharing its layers.
import { useState } from 'react';
import { AnalysisBar } from './AnalysisBar.tsx';
import { TabList } from '../../components/TabList.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useHashRoute } from '../../use-hash-route.ts';
import { imageRowName, shortId, sizeText } from '../images/image-list.ts';
import { ImageShareButtons } from '../images/share/ImageShareButtons.tsx';
import { useImages } from '../images/use-images.ts';
import { ImageFilesTab } from './files/ImageFilesTab.tsx';
import { LayersTab } from './layers/LayersTab.tsx';
import { TreeTab } from './tree/TreeTab.tsx';
import { useImageAnalysis } from './use-image-analysis.ts';

const tabs = ['Layers', 'Files', 'Tree'] as const;
type Tab = (typeof tabs)[number];
const tabOf = (name?: string) => tabs.find((t) => t.toLowerCase() === name);

/** `id`: the image id from the route, or one of its names (`busybox:latest`). */
export function ImagePage({ id }: { id: string }) {
  const { images, loaded } = useImages();
  const image = images.find((i) => i.id === id || i.repoTags.includes(id));
  const [tab, setTab] = useState<Tab>(tabOf(useHashRoute().tab) ?? 'Layers');
  const analysis = useImageAnalysis(image?.id ?? null);

  if (!image) {
    return (
      <main aria-label="Image" className="page">
        <a href="#/images">← Images</a>
        <p className="empty">{loaded ? `There is no image ${id} on this engine.` : 'Loading…'}</p>
      </main>
    );
  }
  const title = image.repoTags[0] ?? shortId(image.id);
  return (
    <main aria-label={imageRowName(image)} className="page">
      <a href="#/images">← Images</a>
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            <Term term="image">Image</Term> {shortId(image.id)} · {sizeText(image.size)}
            {image.repoTags.length > 1 && ` · also ${image.repoTags.slice(1).join(', ')}`}
          </p>
        </div>
        <ImageShareButtons image={image} />
      </header>
      <AnalysisBar name={title} analysis={analysis} />
      <TabList tabs={tabs} selected={tab} onSelect={setTab} label="Image details" />
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
        {tab === 'Layers' && <LayersTab image={image} analysis={analysis} />}
        {tab === 'Files' && <ImageFilesTab image={image} analysis={analysis} />}
        {tab === 'Tree' && <TreeTab image={image} />}
      </section>
    </main>
  );
}
