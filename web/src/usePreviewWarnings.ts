import { useEffect, useState } from 'preact/hooks';

import { api } from './api/client';
import type { Warning } from './api/types';

// The rules-of-engagement warnings the server says a form's entity would
// raise (POST …/preview), asked a quarter of a second after the last change;
// none while `body` is null (the form is not ready to ask).
export function usePreviewWarnings(path: string, body: Record<string, unknown> | null): Warning[] {
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const key = body ? JSON.stringify(body) : '';
  useEffect(() => {
    if (!body) {
      setWarnings([]);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<{ warnings: Warning[] }>('POST', path, body).then(
        (answer) => current && setWarnings(answer.warnings),
        () => current && setWarnings([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [path, key]);
  return warnings;
}
