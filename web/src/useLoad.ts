import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { subscribe, type LiveKind } from './live';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => void;
}

// Runs `load` when `deps` change, and again on every live event of `live`
// kinds, keeping the last answer on screen while the next one comes (no
// flicker). An answer that arrives after a newer request started is dropped.
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], live: LiveKind[] = []): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    load().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      },
      (failure: unknown) => {
        if (mine === generation.current) setError(failure);
      },
    );
  }, deps);
  useEffect(run, [run]);
  useEffect(() => {
    if (live.length === 0) return undefined;
    return subscribe((kind) => {
      if (live.includes(kind)) run();
    });
  }, [run]);
  return { data, error, reload: run };
}
