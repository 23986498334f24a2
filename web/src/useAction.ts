import { useState } from 'preact/hooks';

import { problemText } from './api/problem';

// A page's writes: each one says what it did (a notice) or why it was
// refused (a problem), then lets the page reload what it shows (`after`, run
// in both cases, since a refusal may mean the page is out of date).
export function useAction(after: () => void) {
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (request: () => Promise<unknown>, success: string): Promise<void> => {
    try {
      await request();
      setProblem(null);
      setNotice(success);
    } catch (error) {
      setNotice(null);
      setProblem(problemText(error));
    }
    after();
  };
  return { notice, problem, run };
}
