import { describe, expect, it } from 'vitest';
import { classicArchive, ociArchive } from '../../../../test/helpers/image-archive-fixture.ts';
import { digestOf, makeTar } from '../../../../test/helpers/tar-fixture.ts';
import { ImageArchiveReader } from './archive-reader.ts';
import { resolveImage } from './archive-layout.ts';

const layerA = makeTar([
  { name: 'bin/', type: 'dir' },
  { name: 'bin/busybox', body: 'b'.repeat(3000) },
]);
const layerB = makeTar([
  { name: 'etc/', type: 'dir' },
  { name: 'etc/hosts', body: 'hosts' },
]);
async function read(archive: Uint8Array, chunk = 4096) {
  const reader = new ImageArchiveReader();
  for (let at = 0; at < archive.length; at += chunk) {
    reader.write(archive.subarray(at, at + chunk));
    await reader.pressure();
  }
  return reader.finish();
}

describe('reading an image archive', () => {
  it('the classic layout: layers before the manifest that orders them, a layer saved twice as a link', async () => {
    const { archive, imageId } = classicArchive([layerA, layerB], { duplicateLast: true });
    const image = resolveImage(await read(archive, 1000), imageId);
    expect(image.layers.map((l) => l.diffId)).toEqual([
      digestOf(layerA),
      digestOf(layerB),
      digestOf(layerA),
    ]);
    expect(image.layers[0]!.list.paths).toEqual(['bin', 'bin/busybox']);
    expect(image.layers[0]!.list.sizes).toEqual([0, 3000]);
    expect(image.config.history?.[1]?.empty_layer).toBe(true);
  });

  it('the OCI layout with uncompressed, gzip and zstd layers, by their media types', async () => {
    const { archive, imageId } = ociArchive([
      { tar: layerA, compression: 'gzip' },
      { tar: layerB, compression: 'zstd' },
      { tar: layerA, compression: 'none' },
    ]);
    const image = resolveImage(await read(archive, 777), imageId);
    expect(image.layers.map((l) => [l.diffId, l.compression])).toEqual([
      [digestOf(layerA), 'gzip'],
      [digestOf(layerB), 'zstd'],
      [digestOf(layerA), 'none'],
    ]);
    expect(image.layers[1]!.list.paths).toEqual(['etc', 'etc/hosts']);
  });

  it('follows a nested index to the image manifest, and Docker media types too', async () => {
    const { archive, imageId } = ociArchive(
      [
        {
          tar: layerA,
          compression: 'gzip',
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        },
      ],
      { nested: true },
    );
    const image = resolveImage(await read(archive), imageId);
    expect(image.layers.map((l) => l.diffId)).toEqual([digestOf(layerA)]);
  });

  it('takes a layer tar that lacks the end marker (other tools write such), its diffID proving it whole', async () => {
    const unmarked = layerB.subarray(0, layerB.length - 1024);
    const { archive, imageId } = ociArchive([{ tar: unmarked, compression: 'gzip' }]);
    const image = resolveImage(await read(archive), imageId);
    expect(image.layers[0]!.list.paths).toEqual(['etc', 'etc/hosts']);
  });

  it('refuses a layer whose bytes disagree with its media type', async () => {
    const { archive, imageId } = ociArchive([
      {
        tar: layerA,
        compression: 'zstd',
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      },
    ]);
    const contents = await read(archive);
    expect(() => resolveImage(contents, imageId)).toThrow(/is zstd but its media type says gzip/);
  });

  it('refuses a layer whose content does not match its diffID', async () => {
    const { archive, imageId } = classicArchive([layerA], { configDiffIds: [digestOf(layerB)] });
    const contents = await read(archive);
    expect(() => resolveImage(contents, imageId)).toThrow(/does not match its diffID/);
  });

  it('says a truncated archive ended early, and a corrupt gzip layer is not valid gzip', async () => {
    const { archive } = classicArchive([layerA, layerB]);
    await expect(read(archive.subarray(0, archive.length - 3000))).rejects.toThrow(/ended early/);
    const gz = ociArchive([{ tar: layerA, compression: 'gzip' }]);
    const blobStart = gz.archive.indexOf(Buffer.from([0x1f, 0x8b]));
    const broken = Buffer.from(gz.archive);
    broken.fill(0x55, blobStart + 20, blobStart + 60);
    await expect(read(broken)).rejects.toThrow(/gzip|ended early|not a tar/);
  });

  it("reads the same from one reused Buffer, as the engine's reads arrive, whatever the splits", async () => {
    // Buffer#slice is a view, not a copy: a head kept that way was overwritten by the next read.
    const layers = Array.from({ length: 30 }, (_, i) =>
      makeTar(
        i === 7
          ? []
          : [
              { name: 'steps/', type: 'dir' },
              { name: `steps/${i}`, body: `step ${i}\n` },
            ],
      ),
    );
    const { archive, imageId } = classicArchive(layers, {});
    const expected = resolveImage(await read(archive, archive.length), imageId).layers;
    const reused = Buffer.alloc(1 << 16);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 3000;
    for (let run = 0; run < 20; run++) {
      const reader = new ImageArchiveReader();
      for (let at = 0; at < archive.length;) {
        const n = Math.min(1 + next(), archive.length - at);
        reused.set(archive.subarray(at, at + n));
        reader.write(reused.subarray(0, n));
        reused.fill(0xee);
        at += n;
        await reader.pressure();
      }
      const got = resolveImage(await reader.finish(), imageId).layers;
      expect(got.map((l) => [l.diffId, l.list.paths])).toEqual(
        expected.map((l) => [l.diffId, l.list.paths]),
      );
    }
  });
});
