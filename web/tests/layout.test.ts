import { describe, expect, test } from 'vitest';

import { fitted, layOut } from '../src/map/layout';

describe('alignment map layout', () => {
  test('children sit below all of their parents', () => {
    const layout = layOut({
      ids: ['company', 'team', 'person', 'other'],
      links: [
        { child: 'team', parent: 'company' },
        { child: 'person', parent: 'team' },
        { child: 'person', parent: 'company' },
      ],
    });
    expect(layout.nodes.get('company')!.layer).toBe(0);
    expect(layout.nodes.get('other')!.layer).toBe(0);
    expect(layout.nodes.get('team')!.layer).toBe(1);
    expect(layout.nodes.get('person')!.layer).toBe(2);
  });

  test('siblings follow their parents left to right, and nothing overlaps', () => {
    const layout = layOut({
      ids: ['a', 'b', 'b1', 'a1', 'a2'],
      links: [
        { child: 'b1', parent: 'b' },
        { child: 'a1', parent: 'a' },
        { child: 'a2', parent: 'a' },
      ],
    });
    const x = (id: string) => layout.nodes.get(id)!.x;
    expect(x('a1')).toBeLessThan(x('b1'));
    expect(x('a2')).toBeLessThan(x('b1'));
    const seen = new Set<string>();
    for (const n of layout.nodes.values()) {
      const spot = `${n.x},${n.y}`;
      expect(seen.has(spot)).toBe(false);
      seen.add(spot);
    }
  });

  test('links to unknown objectives are ignored and a cycle does not hang', () => {
    const layout = layOut({
      ids: ['a', 'b'],
      links: [
        { child: 'a', parent: 'gone' },
        { child: 'a', parent: 'b' },
        { child: 'b', parent: 'a' },
      ],
    });
    expect(layout.nodes.size).toBe(2);
  });

  test('5,000 objectives lay out', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `o${i}`);
    const links = ids.slice(5).map((id, i) => ({ child: id, parent: `o${Math.floor(i / 4)}` }));
    const layout = layOut({ ids, links });
    expect(layout.nodes.size).toBe(5000);
    expect(Math.max(...[...layout.nodes.values()].map((n) => n.layer))).toBe(5);
  });
});

describe('node text', () => {
  test('fits by cutting long text with an ellipsis, short text unchanged', () => {
    expect(fitted('Ship it', 28)).toBe('Ship it');
    expect(fitted('Make onboarding effortless for every new team', 28)).toBe('Make onboarding effortless…');
    expect(Array.from(fitted('Make onboarding effortless for every new team', 28))).toHaveLength(27);
    expect(fitted('Über Größe und Maße sprechen wir später', 10)).toBe('Über Größ…');
  });
});
