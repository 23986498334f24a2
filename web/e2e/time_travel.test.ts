// Time travel (F36): a day picked from the person's menu shows every page as
// the organisation stood at the end of that day, keeps that day while moving
// between pages and across a reload, refuses changes until the reader is back
// in the present, and "Back to today" returns to now.
import { expect, test } from 'vitest';

import type { Period } from '../src/api/types';
import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

test('the organisation as it stood on an earlier day', async () => {
  const periods = ((await asAdmin(ctx.server, 'GET', '/periods?limit=100')) as { items: Period[] }).items;
  const last = periods.find((p) => p.kind === 'quarter' && p.state === 'closed')!;
  const middle = new Date(`${last.start_date}T12:00:00Z`);
  middle.setUTCDate(middle.getUTCDate() + 45);
  const day = middle.toISOString().slice(0, 10);

  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await maya.page.goto(`/periods/${last.id}`);
  await maya.page.getByText(/· Closed/).waitFor();

  // Back to the middle of last quarter: it was running then, nothing scored.
  await maya.page.getByLabel('Account of Maya Chen').click();
  await maya.page.getByRole('button', { name: 'Time travel…' }).click();
  await maya.page.getByLabel('Show the organisation as it stood on').fill(day);
  await maya.page.getByText(/You are looking at the end of/).waitFor();
  await maya.page.getByText(/· Active/).waitFor();
  expect(new URL(maya.page.url()).searchParams.get('as_of')).toBe(day);
  await expect(maya.page.getByLabel('Period', { exact: true }).inputValue()).resolves.toBe(last.id);
  expect(await accessibilityProblems(maya.page)).toEqual([]);

  // The company page shows the progress of that day, as the API gives it.
  await maya.page.getByRole('link', { name: 'Company' }).click();
  await maya.page.locator('#dashboard-objectives').waitFor();
  expect(new URL(maya.page.url()).searchParams.get('as_of')).toBe(day);
  const then = (await asAdmin(
    ctx.server,
    'GET',
    `/dashboard?period_id=${last.id}&as_of=${encodeURIComponent(await maya.page.evaluate((d) => {
      const [y, m, dd] = d.split('-').map(Number);
      return new Date(y!, m! - 1, dd!, 23, 59, 59).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }, day))}`,
  )) as { progress: number };
  const shown = Math.round(then.progress * 100);
  await maya.page.locator('#dashboard-objectives .objective-percent').getByText(new RegExp(`^${shown}\\s?%$`)).waitFor();

  // A reload stays on that day; a change is refused until back in the present.
  await maya.page.goto(`/periods/${last.id}?as_of=${day}`);
  await maya.page.getByText(/· Active/).waitFor();
  await maya.page.getByRole('button', { name: 'Close and score this period…' }).click();
  await maya.page.getByRole('button', { name: 'Close and score', exact: true }).click();
  await maya.page.getByText('You are looking at an earlier day: go back to today to make changes.').waitFor();
  const still = (await asAdmin(ctx.server, 'GET', `/periods/${last.id}`)) as Period;
  expect(still.closed_at).toBeTruthy();

  await maya.page.getByRole('button', { name: 'Back to today' }).click();
  await maya.page.getByText(/· Closed/).waitFor();
  expect(new URL(maya.page.url()).searchParams.get('as_of')).toBeNull();
  await expect(maya.page.getByText(/You are looking at the end of/).count()).resolves.toBe(0);
});
