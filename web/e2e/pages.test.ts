// The main pages as people see them, in English and German, on a desktop and
// a phone: compared with the stored screenshots, free of console errors.
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, asPerson, openPage, setPassword, signIn, suite } from './harness';
import { compareScreenshot } from './screenshots';

// The demo is built relative to "now" and its statuses follow the hour, so
// the server's clock and the browser's are both stopped at one instant: the
// pages look the same whenever the tests run.
const fixedNow = '2026-11-22T09:00:00Z';
// Lucía mentions Maya, so that Maya's home page shows a notification.
const ctx = suite({
  demo: true,
  fixedNow,
  arrange: async (server) => {
    const list = (await asAdmin(server, 'GET', '/objectives?limit=1000')) as { items: Array<{ id: string; title: string }> };
    const objective = list.items.find((o) => o.title.startsWith('Delight our customers'))!;
    await setPassword(server, 'lucia@larkspur.example', 'lucia passphrase');
    await asPerson(server, { email: 'lucia@larkspur.example', password: 'lucia passphrase' }, 'POST', '/comments', {
      target: { objective_id: objective.id },
      body: '@maya@larkspur.example the churn numbers are in: can we talk on Friday?',
    });
  },
});

async function frozenPage() {
  const opened = await openPage(ctx.browser, ctx.server);
  await opened.page.clock.setFixedTime(new Date(fixedNow));
  return opened;
}

test('sign-in page', async () => {
  const { page, problems, context } = await frozenPage();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
  await compareScreenshot(page, 'sign-in');
  expect(await accessibilityProblems(page), 'sign-in').toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('My OKRs, company and objective pages', async () => {
  const { page, problems, context } = await frozenPage();
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await page.locator('li.key-result').first().waitFor();
  // The notifications and the header's count arrive on requests of their own.
  await page.locator('li.notification.unread').first().waitFor();
  await page.getByRole('link', { name: 'Notifications: 1 unread' }).waitFor();
  // Dates and "needs a check-in" counts follow the clock; hide them.
  const dates = [page.locator('.key-result-facts'), page.locator('.summary'), page.locator('.notification-when')];
  await compareScreenshot(page, 'my-okrs', dates);
  expect(await accessibilityProblems(page), 'my-okrs').toEqual([]);

  await page.getByRole('link', { name: 'Company' }).click();
  await page.getByRole('heading', { name: 'Company objectives' }).waitFor();
  // The unit tree arrives on its own request: wait for its last unit, or the
  // page is caught shorter than it becomes.
  await page.getByRole('link', { name: 'Content team' }).waitFor();
  await page.locator('article.objective').first().waitFor();
  await compareScreenshot(page, 'company', [page.locator('.objective-percent'), page.locator('.status-counts')]);
  expect(await accessibilityProblems(page), 'company').toEqual([]);

  // Down the hierarchy: a team's page, then one of its people.
  await page.getByRole('link', { name: 'Product team' }).click();
  await page.getByRole('heading', { name: 'Product team', level: 1 }).waitFor();
  await page.locator('article.objective').first().waitFor();
  await expect(page.locator('main').textContent()).resolves.toContain('Make onboarding effortless');
  await page.getByRole('link', { name: 'Tom Becker' }).click();
  await page.getByRole('heading', { name: 'Tom Becker', level: 1 }).waitFor();
  await page.locator('li.key-result').first().waitFor();
  await expect(page.locator('main').textContent()).resolves.toContain('Grow as an engineering mentor');

  await page.goto('/objectives/obj_4');
  await page.getByRole('heading', { name: 'Make onboarding effortless' }).waitFor();
  await page.locator('li.key-result').first().waitFor();
  await compareScreenshot(page, 'objective', [page.locator('.key-result-facts')]);
  expect(await accessibilityProblems(page), 'objective').toEqual([]);

  // A key result's history: the chart against the pace, and the check-ins with their notes.
  await page.getByRole('button', { name: 'History of Raise activation rate from 35% to 60%' }).click();
  await page.locator('.history canvas').first().waitFor();
  await page.getByText('First check-in of the quarter.').first().waitFor();
  expect(await page.locator('.history ol.check-ins li').count()).toBeGreaterThan(3);
  // The demo's check-ins follow the calendar: the chart and the dates are masked.
  await page.locator('.history').scrollIntoViewIfNeeded();
  await compareScreenshot(page, 'key-result-history', [
    page.locator('.key-result-facts'),
    page.locator('.history .chart'),
    page.locator('.check-in-when'),
  ]);
  expect(await accessibilityProblems(page), 'key-result-history').toEqual([]);

  await page.getByRole('link', { name: 'Alignment map' }).click();
  await page.locator('g.map-node').first().waitFor();
  // The demo's quarter: 11 objectives, the quarter's 9 alignments, one dependency.
  expect(await page.locator('g.map-node').count()).toBe(11);
  expect(await page.locator('path.map-link').count()).toBe(9);
  expect(await page.locator('path.map-dependency').count()).toBe(1);
  await compareScreenshot(page, 'alignment-map', [page.locator('.map-owner')]);
  expect(await accessibilityProblems(page), 'alignment-map').toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('German, on a phone', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server, {
    locale: 'de-DE',
    viewport: { width: 390, height: 844 },
  });
  await page.clock.setFixedTime(new Date(fixedNow));
  await page.goto('/');
  await page.getByLabel('E-Mail').fill(ctx.server.adminEmail!);
  await page.getByLabel('Passwort').fill('larkspur-demo');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { name: 'Meine OKRs' }).waitFor();
  await page.locator('li.key-result').first().waitFor();
  await page.locator('li.notification').first().waitFor();
  await page.getByRole('link', { name: 'Benachrichtigungen: 1 ungelesen' }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
  // Nothing sticks out sideways on a phone.
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await compareScreenshot(page, 'my-okrs-de-phone', [
    page.locator('.key-result-facts'),
    page.locator('.summary'),
    page.locator('.notification-when'),
  ]);
  expect(await accessibilityProblems(page), 'my-okrs-de-phone').toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
