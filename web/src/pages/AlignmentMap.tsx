import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Status } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { percent, t } from '../i18n';
import { fitted, layOut, nodeHeight, nodeWidth, ownerChars, titleChars } from '../map/layout';
import { navigate } from '../router';
import { periodId } from '../session';
import { useLoad } from '../useLoad';

export interface MapObjective {
  id: string;
  private?: boolean;
  title?: string;
  period_id?: string;
  owner?: { unit_id?: string; person_id?: string; name: string; kind?: string };
  progress?: number;
  status?: Status;
}

export interface AlignmentAnswer {
  period_id: string;
  mission: string;
  objectives: MapObjective[];
  links: Array<{ child_id: string; parent_id: string; via_key_result_id: string | null; contributes: boolean }>;
  dependencies: Array<{ from_id: string; to_id: string }>;
}

// Objectives below the company that align to nothing: the ones to look at.
export function unaligned(answer: AlignmentAnswer): MapObjective[] {
  const aligned = new Set(answer.links.map((l) => l.child_id));
  return answer.objectives.filter(
    (o) => !o.private && o.period_id === answer.period_id && !aligned.has(o.id) && o.owner?.kind !== 'company',
  );
}

interface View {
  x: number;
  y: number;
  scale: number;
}

// The alignment map (F10–F14): from the mission down to people, every
// alignment drawn (dashed when it supports without counting), dependencies
// dotted, each objective coloured by status. Drag to pan, wheel or the
// buttons to zoom, search to find, click or Enter to open.
export function AlignmentMap() {
  const period = periodId.value;
  const loaded = useLoad(
    () => api<AlignmentAnswer>('GET', `/alignment${query({ period_id: period })}`),
    [period],
    ['check_in', 'objective_updated', 'alignment_changed'],
  );
  const layout = useMemo(
    () =>
      loaded.data
        ? layOut({
            ids: loaded.data.objectives.map((o) => o.id),
            links: loaded.data.links.map((l) => ({ child: l.child_id, parent: l.parent_id })),
          })
        : null,
    [loaded.data],
  );
  const [search, setSearch] = useState('');
  const frame = useRef<HTMLDivElement>(null);
  const world = useRef<HTMLDivElement>(null);
  const view = useRef<View>({ x: 0, y: 0, scale: 1 });
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  // Pan and zoom move one CSS transform on a composited layer: nothing
  // re-renders or re-lays out, so 5,000 objectives pan as smoothly as five.
  const apply = () => {
    const v = view.current;
    if (world.current) world.current.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
  };
  const fit = () => {
    if (!layout || !frame.current) return;
    const box = frame.current.getBoundingClientRect();
    const scale = Math.min(1, (box.width - 40) / Math.max(layout.width, 1), (box.height - 40) / Math.max(layout.height, 1));
    view.current = { scale: Math.max(scale, 0.05), x: (box.width - layout.width * scale) / 2, y: 20 };
    apply();
  };
  useEffect(fit, [layout]);
  // For the browser tests' timings (PERFORMANCE.md): the map is drawn.
  useEffect(() => {
    if (layout) performance.mark('cairn:map-drawn');
  }, [layout]);

  const zoom = (factor: number, cx?: number, cy?: number) => {
    const v = view.current;
    const box = frame.current!.getBoundingClientRect();
    const px = cx ?? box.width / 2;
    const py = cy ?? box.height / 2;
    const scale = Math.min(4, Math.max(0.02, v.scale * factor));
    view.current = { scale, x: px - ((px - v.x) * scale) / v.scale, y: py - ((py - v.y) * scale) / v.scale };
    apply();
  };
  const centreOn = (id: string) => {
    const node = layout?.nodes.get(id);
    if (!node || !frame.current) return;
    const box = frame.current.getBoundingClientRect();
    const scale = Math.max(view.current.scale, 0.8);
    view.current = { scale, x: box.width / 2 - node.x * scale, y: box.height / 2 - node.y * scale };
    apply();
  };

  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q || !loaded.data) return new Set<string>();
    return new Set(
      loaded.data.objectives
        .filter((o) => o.title?.toLowerCase().includes(q) || o.owner?.name.toLowerCase().includes(q))
        .map((o) => o.id),
    );
  }, [search, loaded.data]);

  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data || !layout) return <main id="content"><p>{t('app.loading')}</p></main>;
  const answer = loaded.data;
  const byId = new Map(answer.objectives.map((o) => [o.id, o]));
  const lost = unaligned(answer);

  const onPointerDown = (event: PointerEvent) => {
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
  };
  const onPointerMove = (event: PointerEvent) => {
    const d = drag.current;
    if (!d || event.buttons === 0) return;
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!d.moved) (event.currentTarget as Element).setPointerCapture(event.pointerId);
    d.moved = true;
    view.current = { ...view.current, x: view.current.x + dx, y: view.current.y + dy };
    d.x = event.clientX;
    d.y = event.clientY;
    apply();
  };
  const onPointerUp = () => {
    setTimeout(() => (drag.current = null));
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const box = frame.current!.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
  };
  const open = (o: MapObjective) => {
    if (drag.current?.moved || o.private) return;
    navigate(`/objectives/${o.id}`);
  };
  const findFirst = (event: Event) => {
    event.preventDefault();
    const first = [...matches][0];
    if (first) centreOn(first);
  };

  return (
    <main id="content" class="wide" tabIndex={-1}>
      <h1>{t('map.title')}</h1>
      {answer.mission && (
        <p class="mission-line">
          <strong>{t('company.mission')}:</strong> {answer.mission}
        </p>
      )}
      <div class="map-tools">
        <form role="search" onSubmit={findFirst}>
          <label for="map-search">{t('map.search')}</label>
          <input id="map-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          <button type="submit">{t('map.find')}</button>
          {search.trim() && (
            <span class="hint" aria-live="polite">
              {t('map.matches', { count: matches.size })}
            </span>
          )}
        </form>
        <div class="map-zoom">
          <button type="button" onClick={() => zoom(1.25)} aria-label={t('map.zoom_in')}>
            +
          </button>
          <button type="button" onClick={() => zoom(0.8)} aria-label={t('map.zoom_out')}>
            −
          </button>
          <button type="button" onClick={fit}>
            {t('map.fit')}
          </button>
        </div>
        <p class="map-legend hint">{t('map.legend', { count: answer.objectives.length })}</p>
      </div>
      <div
        class="map-frame"
        ref={frame}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onWheel={onWheel}
      >
        <div class="map-world" ref={world}>
        <svg class="map" aria-label={t('map.title')} width={layout.width} height={layout.height}>
          <g>
            {answer.links.map((l) => {
              const a = layout.nodes.get(l.parent_id);
              const b = layout.nodes.get(l.child_id);
              if (!a || !b) return null;
              const y1 = a.y + nodeHeight / 2;
              const y2 = b.y - nodeHeight / 2;
              const mid = (y1 + y2) / 2;
              return (
                <path
                  key={`${l.child_id}-${l.parent_id}`}
                  class={l.contributes ? 'map-link' : 'map-link supports'}
                  d={`M${a.x},${y1} C${a.x},${mid} ${b.x},${mid} ${b.x},${y2}`}
                />
              );
            })}
            {answer.dependencies.map((d) => {
              const a = layout.nodes.get(d.from_id);
              const b = layout.nodes.get(d.to_id);
              if (!a || !b) return null;
              return (
                <path
                  key={`dep-${d.from_id}-${d.to_id}`}
                  class="map-dependency"
                  d={`M${a.x},${a.y + nodeHeight / 2} C${a.x},${a.y + nodeHeight} ${b.x},${b.y + nodeHeight} ${b.x},${b.y + nodeHeight / 2}`}
                />
              );
            })}
            {answer.objectives.map((o) => {
              const p = layout.nodes.get(o.id)!;
              const hit = matches.has(o.id);
              return (
                <g
                  key={o.id}
                  class={`map-node status-${o.status ?? 'private'}${hit ? ' hit' : ''}${o.period_id && o.period_id !== answer.period_id ? ' other-period' : ''}`}
                  transform={`translate(${p.x - nodeWidth / 2} ${p.y - nodeHeight / 2})`}
                  tabIndex={o.private ? -1 : 0}
                  role={o.private ? undefined : 'link'}
                  data-id={o.id}
                  onClick={() => open(o)}
                  onKeyDown={(e) => e.key === 'Enter' && open(o)}
                >
                  {/* The accessible name holds the visible text in full (the
                      drawing clips long titles) and the status. */}
                  <title>
                    {o.private
                      ? t('map.private')
                      : `${o.title} ${o.owner?.name ?? ''} · ${percent(o.progress ?? 0)}, ${t(`status.${o.status ?? 'not_started'}`)}`}
                  </title>
                  <rect width={nodeWidth} height={nodeHeight} rx={8} />
                  <rect class="map-status" width={6} height={nodeHeight} rx={3} />
                  <text x={14} y={24} class="map-title">
                    {o.private ? t('map.private') : fitted(o.title ?? '', titleChars)}
                  </text>
                  {!o.private && (
                    <text x={14} y={46} class="map-owner">
                      {fitted(`${o.owner?.name ?? ''} · ${percent(o.progress ?? 0)}`, ownerChars)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        </svg>
        </div>
      </div>
      <section aria-labelledby="map-unaligned">
        <h2 id="map-unaligned">{t('map.unaligned', { count: lost.length })}</h2>
        {lost.length === 0 ? (
          <p class="empty">{t('map.all_aligned')}</p>
        ) : (
          <ul class="related">
            {lost.map((o) => (
              <li key={o.id}>
                <Link href={`/objectives/${o.id}`}>{o.title}</Link> <span class="hint">{byId.get(o.id)?.owner?.name}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
