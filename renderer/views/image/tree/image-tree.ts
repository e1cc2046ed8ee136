// How local images share layers, as one tree (what `docker images --tree`
// once showed): an image's parent is the nearest image whose layers are a
// prefix of its own. Where images share base layers that no local image ends
// at (the image they were built from was removed or never pulled), a "shared
// base" node stands for those layers. Built from each image's RootFS.Layers.

export interface TreeImage {
  id: string;
  repoTags: string[];
  /** Seconds since the epoch: of two images with the same layers, the older is the parent. */
  created: number;
  size: number;
  /** RootFS.Layers, bottom first. */
  layers: readonly string[];
  /** Bytes of its layers that another local image also uses; null or absent while unknown. */
  sharedSize?: number | null;
}

export interface ImageTreeNode {
  /** The image id, or `base:<top diffID>` for a shared base. */
  key: string;
  image?: TreeImage;
  /** Layers from the bottom up to this node. */
  layerCount: number;
  /** Layers above the parent node (0 for an image that only changed metadata). */
  addedLayers: number;
  /** Bytes up to this node, when known. */
  size?: number;
  /** Bytes of the layers above the parent node, when both sizes are known. */
  addedSize?: number;
  children: ImageTreeNode[];
}

interface TrieNode {
  diffId: string;
  depth: number;
  children: Map<string, TrieNode>;
  images: TreeImage[];
}

const trieNode = (diffId: string, depth: number): TrieNode => ({
  diffId,
  depth,
  children: new Map(),
  images: [],
});

export function imageName(image: TreeImage): string {
  return image.repoTags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}

const byName = (a: ImageTreeNode, b: ImageTreeNode) =>
  (a.image ? imageName(a.image) : '\uffff' + a.key).localeCompare(
    b.image ? imageName(b.image) : '\uffff' + b.key,
  );

export function buildImageTree(images: readonly TreeImage[]): ImageTreeNode[] {
  const root = trieNode('', 0);
  for (const image of images) {
    let node = root;
    for (const diffId of image.layers) {
      let next = node.children.get(diffId);
      if (!next) node.children.set(diffId, (next = trieNode(diffId, node.depth + 1)));
      node = next;
    }
    node.images.push(image);
  }

  /** The kept nodes under `node`: image nodes and branch points; single-child chains fold away. */
  const collect = (node: TrieNode): ImageTreeNode[] => {
    const below = [...node.children.values()].flatMap(collect);
    const images = [...node.images].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
    if (images.length === 0) {
      if (below.length < 2 || node === root) return below;
      return [
        { key: `base:${node.diffId}`, layerCount: node.depth, addedLayers: 0, children: below },
      ];
    }
    const nodes = images.map((image): ImageTreeNode => ({
      key: image.id,
      image,
      layerCount: node.depth,
      addedLayers: 0,
      size: image.size,
      children: [],
    }));
    // Images with no layers at all (FROM scratch, metadata only) extend nothing.
    if (node === root) return [...nodes, ...below];
    // Several images on the same layers: the oldest is the parent of the others.
    const [first, ...same] = nodes;
    first!.children = [...same, ...below];
    return [first!];
  };

  const roots = collect(root);
  const finish = (node: ImageTreeNode, parent?: ImageTreeNode) => {
    node.addedLayers = node.layerCount - (parent?.layerCount ?? 0);
    if (!node.image) node.size = baseSize(node);
    for (const child of node.children) finish(child, node);
    const below = parent ? parent.size : 0;
    if (node.size !== undefined && below !== undefined) node.addedSize = node.size - below;
    node.children.sort(byName);
  };
  for (const node of roots) finish(node);
  return roots.sort(byName);
}

/**
 * A shared base's bytes: what a child image that is alone on its layers and
 * has no images above it shares with the others, which is exactly this base.
 */
function baseSize(base: ImageTreeNode): number | undefined {
  for (const child of base.children) {
    const shared = child.image?.sharedSize;
    if (child.children.length === 0 && shared != null) return shared;
  }
  return undefined;
}

/** The keys of the nodes from a root down to the image (itself included), or [] when it is not in the tree. */
export function pathTo(roots: readonly ImageTreeNode[], imageId: string): string[] {
  for (const node of roots) {
    if (node.key === imageId) return [node.key];
    const below = pathTo(node.children, imageId);
    if (below.length) return [node.key, ...below];
  }
  return [];
}

export interface ImageTreeRow {
  node: ImageTreeNode;
  level: number;
  setSize: number;
  posInSet: number;
  expandable: boolean;
  expanded: boolean;
}

/** The rows shown, depth first, with the place each has among its siblings. */
export function treeRows(
  roots: readonly ImageTreeNode[],
  expanded: ReadonlySet<string>,
): ImageTreeRow[] {
  const rows: ImageTreeRow[] = [];
  const walk = (nodes: readonly ImageTreeNode[], level: number) => {
    nodes.forEach((node, i) => {
      const expandable = node.children.length > 0;
      const open = expandable && expanded.has(node.key);
      rows.push({
        node,
        level,
        setSize: nodes.length,
        posInSet: i + 1,
        expandable,
        expanded: open,
      });
      if (open) walk(node.children, level + 1);
    });
  };
  walk(roots, 1);
  return rows;
}

/** Every node with children: the tree shown whole. */
export function allParents(roots: readonly ImageTreeNode[]): Set<string> {
  const keys = new Set<string>();
  const walk = (nodes: readonly ImageTreeNode[]) => {
    for (const node of nodes) {
      if (node.children.length) keys.add(node.key);
      walk(node.children);
    }
  };
  walk(roots);
  return keys;
}

/**
 * Bytes all the images' layers take on disk: every layer sits on exactly one
 * edge of the tree, so the sum of what each node adds. Unknown while any is.
 */
export function diskBytes(roots: readonly ImageTreeNode[]): number | undefined {
  let total = 0;
  const walk = (nodes: readonly ImageTreeNode[]): boolean =>
    nodes.every((node) => {
      if (node.addedSize === undefined) return false;
      total += node.addedSize;
      return walk(node.children);
    });
  return walk(roots) ? total : undefined;
}
