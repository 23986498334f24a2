// A period's rollout timeline in the browser (F16): drafts due, review,
// commit, start and end with the server's dates, today marked when it falls
// on the line, said otherwise when it does not; in English and German.
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

const fixedNow = '2026-11-22T09:00:00Z';
const ctx = suite({
  demo: true,
  fixedNow,
  arrange: async (server) => {
    await asAdmin(server, 'POST', '/periods', { name: 'Q1 2027', kind: 'quarter', start_date: '2027-01-01', end_date: '2027-03-31' });
  },
});

interface Period {
  id: string;
  name: string;
  rollout: { drafts_due: string; review: string; commit: string };
}

async function period(name: string): Promise<Period> {
  const list = (await asAdmin(ctx.server, 'GET', '/periods?limit=1000')) as { items: Period[] };
  return list.items.find((p) => p.name === name)!;
}

test('the running quarter and the next one, with today marked', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await page.clock.setFixedTime(new Date(fixedNow));
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();

  const q4 = await period('Q4 2026');
  expect(q4.rollout).toEqual({ drafts_due: '2026-09-17', review: '2026-09-24', commit: '2026-09-29' });
  await page.goto(`/periods/${q4.id}`);
  const timeline = page.getByRole('region', { name: 'Rollout timeline' });
  await timeline.waitFor();
  const steps = await timeline.locator('li.timeline-step').allTextContents();
  expect(steps).toEqual([
    'Drafts due Sep 17, 2026',
    'Cross-team review Sep 24, 2026',
    'Commit Sep 29, 2026',
    'Start Oct 1, 2026',
    'Today Nov 22, 2026',
    'End Dec 31, 2026',
  ]);
  // Today on the line, between the start (30 %) and the end.
  const left = await timeline.locator('.timeline-mark.timeline-today').evaluate((m) => parseFloat((m as HTMLElement).style.left));
  expect(left).toBeGreaterThan(30);
  expect(left).toBeLessThan(100);
  expect(await accessibilityProblems(page), 'period page').toEqual([]);

  // The next quarter has not come: no mark, a sentence instead.
  const q1 = await period('Q1 2027');
  await page.goto(`/periods/${q1.id}`);
  await timeline.waitFor();
  expect(await timeline.locator('.timeline-today').count()).toBe(0);
  await timeline.getByText('Today is before the drafts are due.').waitFor();
  await expect(timeline.locator('li.timeline-step').first().textContent()).resolves.toBe('Drafts due Dec 18, 2026');

  // In German.
  await page.getByLabel('Language').selectOption('de');
  const zeitplan = page.getByRole('region', { name: 'Zeitplan der Einführung' });
  await zeitplan.waitFor();
  await expect(zeitplan.locator('li.timeline-step').first().textContent()).resolves.toBe('Entwürfe fällig 18.12.2026');
  await zeitplan.getByText('Heute ist vor dem Fälligkeitstag der Entwürfe.').waitFor();
  await page.getByLabel('Sprache').selectOption('en');
  expect(problems).toEqual([]);
  await context.close();
});
