// Building OKRs in the browser: a company objective, a team objective aligned
// to it, their key results, and a check-in on the team's key result that
// moves the team's and the company's progress bars.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';

import { openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

async function addMetric(page: Page, title: string, start: string, target: string, unit: string) {
  await page.getByRole('button', { name: 'Add key result' }).click();
  // A task is not a key result: the server says so while it is typed.
  await page.getByLabel('Key result', { exact: true }).fill('Launch the new setup wizard');
  await page.locator('.add-key-result .warnings').getByText('reads like a task').waitFor();
  await page.getByLabel('Key result', { exact: true }).fill(title);
  await page.getByLabel('Start').fill(start);
  await page.getByLabel('Target').fill(target);
  await page.getByLabel('Unit').fill(unit);
  await page.getByRole('button', { name: 'Save key result' }).click();
  await page.locator('li.key-result', { hasText: title }).waitFor();
  // The live update can list the new key result before the form hears its
  // answer and closes; wait for the form, so its warnings are gone too.
  await page.locator('form.add-key-result').waitFor({ state: 'detached' });
}

// The objective's own warnings, apart from those of a form still open.
const objectiveWarnings = (page: Page) => page.locator('section[aria-labelledby="objective-warnings"]');

const bar = (page: Page, scope: string) => page.locator(scope).getByRole('progressbar').first();
const valueOf = async (page: Page, scope: string) => Number(await bar(page, scope).getAttribute('aria-valuenow'));

test('a company objective, an aligned team objective, and a check-in that moves both', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();

  // The company objective takes its progress from the objectives aligned to it.
  await page.getByRole('link', { name: 'New objective' }).click();
  await page.getByLabel('Objective', { exact: true }).fill('Win the small-team market');
  await page.getByLabel('Owner').selectOption({ label: 'Larkspur Labs' });
  await page.getByLabel('Progress comes from').selectOption('children');
  await page.getByRole('button', { name: 'Create objective' }).click();
  await page.getByRole('heading', { name: 'Win the small-team market' }).waitFor();
  const companyUrl = page.url();

  // An empty title is refused by the server, next to the field, and nothing is created.
  await page.getByRole('link', { name: 'New objective' }).click();
  await page.getByRole('button', { name: 'Create objective' }).click();
  await page.locator('#objective-title-error').waitFor();

  await page.getByLabel('Objective', { exact: true }).fill('Make setup delightful for small teams');
  await page.getByLabel('Owner').selectOption({ label: 'Product team' });
  // Before it exists, the server says the Product team would own one too many.
  await page.locator('.warnings').getByText('focus on at most 3').waitFor();
  await page.getByLabel('Aligned to').selectOption({ label: 'Win the small-team market' });
  await page.getByRole('button', { name: 'Create objective' }).click();
  await page.getByRole('heading', { name: 'Make setup delightful for small teams' }).waitFor();
  await page.getByRole('heading', { name: 'Aligned to' }).waitFor();
  await expect(page.locator('ul.related').textContent()).resolves.toContain('Win the small-team market');

  // The server's rules of engagement speak up until there are 3 key results.
  await addMetric(page, 'Cut setup time from 30 to 10 minutes', '30', '10', 'minutes');
  await objectiveWarnings(page).getByText('aim for 3 to 5').waitFor();
  await addMetric(page, 'Get 50 teams through the new setup', '0', '50', 'teams');
  await addMetric(page, 'Raise setup satisfaction from 6 to 9', '6', '9', 'points');
  await expect.poll(async () => page.locator('main').textContent()).not.toContain('aim for 3 to 5');
  // The Product team now owns four objectives this quarter: one too many.
  await objectiveWarnings(page).getByText('focus on at most 3').waitFor();

  // A key result's target is edited; one is archived and leaves the list.
  await page.getByRole('button', { name: 'Edit Get 50 teams through the new setup' }).click();
  await page.getByLabel('Target').fill('60');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('li.key-result', { hasText: 'Get 50 teams' }).getByText('/ 60 teams').waitFor();
  await page.getByRole('button', { name: 'Edit Raise setup satisfaction from 6 to 9' }).click();
  await page.getByRole('button', { name: 'Archive', exact: true }).last().click();
  await page.getByRole('button', { name: /Archive it/ }).click();
  await expect.poll(async () => page.locator('li.key-result', { hasText: 'Raise setup satisfaction' }).count()).toBe(0);

  const teamBefore = await valueOf(page, '.objective-summary');
  const setup = page.locator('li.key-result', { hasText: 'Cut setup time' });
  await setup.getByRole('button', { name: /Check in/ }).click();
  // 30 → 10 minutes: at 20 it is halfway.
  await page.getByLabel(/Current value/).fill('20');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect.poll(async () => setup.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
  await expect.poll(async () => valueOf(page, '.objective-summary')).toBeGreaterThan(teamBefore);
  const team = await valueOf(page, '.objective-summary');

  // The company objective shows the team's progress as its own.
  await page.goto(companyUrl);
  await page.getByRole('heading', { name: 'Aligned below' }).waitFor();
  await expect.poll(async () => valueOf(page, '.objective-summary')).toBe(team);
  expect(problems).toEqual([]);
  await context.close();
});
