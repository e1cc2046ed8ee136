// A layer as the image reader lists it, from a hand-made tar (tar-fixture.ts).
import {
  entriesOf,
  LayerListBuilder,
  type RawEntry,
} from '../../electron/services/images/layers/layer-list.ts';
import { TarReader } from '../../electron/services/images/layers/tar-reader.ts';
import { makeTar, type FixtureEntry } from './tar-fixture.ts';

export function layerOf(entries: FixtureEntry[]): RawEntry[] {
  const builder = new LayerListBuilder();
  const reader = new TarReader((h) => {
    builder.add(h);
    return null;
  });
  reader.write(makeTar(entries));
  reader.end();
  return entriesOf(builder.toStored());
}
