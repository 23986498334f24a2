import { expect, test } from 'vitest';

import { languages } from '../src/i18n';
import { sampleObjectives } from '../src/samples';

test('every language has the same sample OKRs, each with 3 measurable key results', () => {
  const english = sampleObjectives('en');
  for (const language of languages) {
    const samples = sampleObjectives(language);
    expect(samples.length).toBe(english.length);
    samples.forEach((sample, i) => {
      expect(sample.keyResults.length).toBe(3);
      sample.keyResults.forEach((kr, k) => {
        expect(kr.start).not.toBe(kr.target);
        // The same numbers in every language: only the words change.
        expect([kr.start, kr.target]).toEqual([english[i]!.keyResults[k]!.start, english[i]!.keyResults[k]!.target]);
      });
    });
  }
});
