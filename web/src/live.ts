// Live updates: one Server-Sent Events stream per tab (GET /api/v1/events),
// which the server filters to what this person may see. Pages subscribe and
// reload what they show when something they show changes.
const kinds = [
  'check_in',
  'objective_updated',
  'key_result_updated',
  'comment',
  'alignment_changed',
  'initiative_updated',
  'period_updated',
  'unit_updated',
  'person_updated',
  'organization_updated',
  'kpi_updated',
  'import',
  'retrospective',
  // Only to the person who just got in-app notifications: {new}.
  'notification',
] as const;
export type LiveKind = (typeof kinds)[number];
type Listener = (kind: LiveKind, data: unknown) => void;

let source: EventSource | null = null;
const listeners = new Set<Listener>();

function open(): void {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/events');
  for (const kind of kinds) {
    source.addEventListener(kind, (event) => {
      let data: unknown = null;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        // A malformed event still says that something changed.
      }
      for (const listener of listeners) listener(kind, data);
    });
  }
}

// Calls `listener` for every live event until the returned function is called.
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
  };
}

// At sign-out: the stream belongs to the session that ends.
export function closeLive(): void {
  source?.close();
  source = null;
}
