import { describe, expect, test } from 'vitest';

import { ApiError, api, query, useFetch } from '../src/api/client';
import type { KeyResult, Period } from '../src/api/types';
import { needsCheckIn } from '../src/pages/MyOkrs';
import { match } from '../src/router';
import { defaultPeriod } from '../src/session';

describe('router', () => {
  test('patterns bind their parameters and nothing else matches', () => {
    expect(match('/objectives/:id', '/objectives/obj_3')).toEqual({ id: 'obj_3' });
    expect(match('/objectives/:id', '/objectives/')).toBeNull();
    expect(match('/objectives/:id', '/objectives/obj_3/tree')).toBeNull();
    expect(match('/company', '/company')).toEqual({});
  });
});

describe('api client', () => {
  test('query strings leave out what is not set', () => {
    expect(query({ a: 'x y', b: undefined, c: null, d: '', e: 3 })).toBe('?a=x+y&e=3');
    expect(query({})).toBe('');
  });

  test('a problem answer becomes an ApiError with its fields', async () => {
    useFetch(async () =>
      new Response(
        JSON.stringify({ title: 'Invalid values', detail: 'bad', errors: [{ field: 'value', message: 'not finite' }] }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const failure = await api('POST', '/key-results/kr_1/check-ins', { value: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(422);
    expect((failure as ApiError).fields).toEqual([{ field: 'value', message: 'not finite' }]);
  });

  test('writes carry the CSRF token, reads do not', async () => {
    const seen: Array<Record<string, string>> = [];
    useFetch(async (_url, init) => {
      seen.push((init?.headers ?? {}) as Record<string, string>);
      return new Response('{}', { status: 200 });
    });
    const { setCsrfToken } = await import('../src/api/client');
    setCsrfToken('tok');
    await api('GET', '/me');
    await api('POST', '/auth/logout');
    expect(seen[0]!['X-CSRF-Token']).toBeUndefined();
    expect(seen[1]!['X-CSRF-Token']).toBe('tok');
  });
});

describe('pages', () => {
  const period = (id: string, start: string, end: string, state: Period['state'] = 'active'): Period => ({
    id,
    name: id,
    kind: 'custom',
    start_date: start,
    end_date: end,
    parent_id: null,
    state,
  });

  test('the default period is the shortest open one around today', () => {
    const year = period('year', '2026-01-01', '2026-12-31');
    const q3 = period('q3', '2026-07-01', '2026-09-30', 'closed');
    const q4 = period('q4', '2026-10-01', '2026-12-31');
    expect(defaultPeriod([year, q3, q4], '2026-11-23')?.id).toBe('q4');
    expect(defaultPeriod([year, q3], '2026-11-23')?.id).toBe('year');
    expect(defaultPeriod([q3], '2027-02-01')?.id).toBe('q3');
    expect(defaultPeriod([], '2027-02-01')).toBeNull();
  });

  test('a key result needs a check-in after a week without one, or when stale', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const kr = (last: string | null, stale = false, can = true) =>
      ({ last_check_in_at: last, stale, can: { check_in: can } }) as unknown as KeyResult;
    expect(needsCheckIn(kr('2026-11-20T00:00:00Z'), now)).toBe(false);
    expect(needsCheckIn(kr('2026-11-16T12:00:00Z'), now)).toBe(true);
    expect(needsCheckIn(kr(null), now)).toBe(true);
    expect(needsCheckIn(kr('2026-11-22T00:00:00Z', true), now)).toBe(true);
    expect(needsCheckIn(kr(null, true, false), now)).toBe(false);
  });
});
