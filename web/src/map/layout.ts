// Lays the alignment map out in layers: every objective one layer below its
// lowest parent, ordered within its layer by where its parents are, so that
// lines mostly run straight down. Linear in the size of the map: 5,000
// objectives lay out in milliseconds. (Dagre's full Sugiyama layout was tried:
// 5 s for 1,000 objectives and minutes for 5,000 on this project's machine.)

export interface MapInput {
  ids: string[];
  // child → parent pairs; pairs naming unknown ids are ignored.
  links: Array<{ child: string; parent: string }>;
}

export interface Placed {
  id: string;
  layer: number;
  x: number; // centre, in node widths + gaps
  y: number;
}

export interface Layout {
  nodes: Map<string, Placed>;
  width: number;
  height: number;
}

export const nodeWidth = 220;
export const nodeHeight = 64;
const gapX = 24;
const gapY = 72;

export function layOut(input: MapInput): Layout {
  const known = new Set(input.ids);
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const id of input.ids) {
    parents.set(id, []);
    children.set(id, []);
  }
  for (const { child, parent } of input.links) {
    if (!known.has(child) || !known.has(parent) || child === parent) continue;
    parents.get(child)!.push(parent);
    children.get(parent)!.push(child);
  }

  // Layers by longest path from a root (Kahn's order), so a child is always
  // below all of its parents. Alignment has no cycles; should one slip in,
  // its nodes go to the layer after the last.
  const layer = new Map<string, number>();
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const id of input.ids) {
    waiting.set(id, parents.get(id)!.length);
    if (parents.get(id)!.length === 0) {
      ready.push(id);
      layer.set(id, 0);
    }
  }
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    for (const child of children.get(id)!) {
      layer.set(child, Math.max(layer.get(child) ?? 0, layer.get(id)! + 1));
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  let deepest = 0;
  for (const l of layer.values()) deepest = Math.max(deepest, l);
  for (const id of input.ids) if (waiting.get(id)! > 0) layer.set(id, deepest + 1);

  // Within a layer: by the mean position of the parents (barycentre), roots
  // in the order given.
  const layers: string[][] = [];
  for (const id of input.ids) {
    const l = layer.get(id)!;
    (layers[l] ??= []).push(id);
  }
  const slot = new Map<string, number>();
  for (const ids of layers) {
    if (!ids) continue;
    const key = (id: string) => {
      const ps = parents.get(id)!.filter((p) => slot.has(p));
      return ps.length ? ps.reduce((sum, p) => sum + slot.get(p)!, 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    const keys = new Map(ids.map((id) => [id, key(id)]));
    ids.sort((a, b) => keys.get(a)! - keys.get(b)!);
    ids.forEach((id, i) => slot.set(id, i));
  }

  // Centre every layer on the widest one.
  const widest = Math.max(1, ...layers.map((ids) => ids?.length ?? 0));
  const nodes = new Map<string, Placed>();
  layers.forEach((ids, l) => {
    if (!ids) return;
    const offset = (widest - ids.length) / 2;
    ids.forEach((id, i) => {
      nodes.set(id, {
        id,
        layer: l,
        x: (offset + i) * (nodeWidth + gapX) + nodeWidth / 2,
        y: l * (nodeHeight + gapY) + nodeHeight / 2,
      });
    });
  });
  return {
    nodes,
    width: widest * (nodeWidth + gapX) - gapX,
    height: layers.length * (nodeHeight + gapY) - gapY,
  };
}

// How many characters of a node's title and owner line fit in its width
// (13px and 12px text from x = 14; wide letters are rare in titles).
export const titleChars = 28;
export const ownerChars = 31;

// `text` cut to `max` characters with an ellipsis. Cutting the strings is
// far cheaper for the browser than clipping thousands of SVG texts.
export function fitted(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
