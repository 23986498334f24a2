import { expect, test } from 'vitest';

import { changesOf } from '../src/components/AuditHistory';

test('an audit entry shows the fields it changed, and nothing for a creation', () => {
  const before = { id: 4, title: 'Make onboarding effortless', weight: 1, owner: { unit: 2 }, created_at: 1 };
  const after = { id: 4, title: 'Make onboarding effortless for everyone', weight: 1, owner: { unit: 3 }, created_at: 1 };
  expect(changesOf({ before, after })).toEqual([
    { field: 'title', before: 'Make onboarding effortless', after: 'Make onboarding effortless for everyone' },
    { field: 'owner', before: '{"unit":2}', after: '{"unit":3}' },
  ]);
  expect(changesOf({ before: null, after })).toEqual([]);
});
