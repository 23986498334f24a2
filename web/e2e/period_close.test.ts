// The end of a quarter in the browser: close and score the period, override
// a score with a reason, roll an unfinished objective into the next quarter.
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

// The demo is built around the server's "now": fixed, so Q4 2026 is the
// running quarter whatever day the test runs.
const ctx = suite({
  demo: true,
  fixedNow: '2026-11-22T09:00:00Z',
  arrange: async (arranged) => {
    await asAdmin(arranged, 'POST', '/periods', {
      name: 'Q1 2027',
      kind: 'quarter',
      start_date: '2027-01-01',
      end_date: '2027-03-31',
    });
  },
});

test('close and score a period, override a score, roll an objective over', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await page.getByRole('link', { name: 'Periods' }).click();
  await page.getByRole('link', { name: 'Q4 2026' }).click();
  await page.getByRole('heading', { name: 'Q4 2026' }).waitFor();

  // Closing asks first, then scores every objective.
  await page.getByRole('button', { name: /Close and score this period/ }).click();
  await expect(page.locator('main').getByRole('group').textContent()).resolves.toContain('Check-ins stop');
  await page.getByRole('button', { name: 'Close and score', exact: true }).click();
  const fast = page.locator('tr', { hasText: 'Make Larkspur fast everywhere' });
  await fast.locator('.score-value').waitFor();
  const computed = await fast.locator('.score-value').textContent();
  await expect(page.locator('.lead').textContent()).resolves.toContain('Closed');
  // The server's scores, as the close answered them.
  const closed = (await asAdmin(ctx.server, 'GET', '/objectives/obj_5')) as { score: number };
  expect(Number(computed)).toBe(closed.score);

  expect(await accessibilityProblems(page)).toEqual([]);

  // An override needs a reason, and shows next to the computed score.
  await fast.getByRole('button', { name: /Override the score/ }).click();
  await fast.getByLabel('Score').fill('0.8');
  await fast.getByLabel('Reason').fill('the market moved under us');
  await fast.getByRole('button', { name: 'Save score' }).click();
  await expect.poll(async () => fast.locator('.score-value').textContent()).toBe('0.8');
  await expect(fast.textContent()).resolves.toContain(`computed ${computed}; the market moved under us`);

  // An unfinished objective rolls into Q1 2027 as a draft with its key results.
  const community = page.locator('tr', { hasText: 'Start the Larkspur community' });
  await community.getByLabel('Into period').selectOption({ label: 'Q1 2027' });
  await community.getByRole('button', { name: 'Roll over Start the Larkspur community' }).click();
  await page.getByRole('status').waitFor();
  await page.getByRole('status').getByRole('link').click();
  await page.getByRole('heading', { name: 'Start the Larkspur community' }).waitFor();
  await expect(page.locator('.breadcrumbs').textContent()).resolves.toContain('Q1 2027');
  expect(await page.locator('li.key-result').count()).toBeGreaterThan(0);
  expect(problems).toEqual([]);
  await context.close();
});
