// The first start of an empty server: the setup form, then signed in.
import { expect, test } from 'vitest';

import { accessibilityProblems, openPage, suite } from './harness';

// A fixed server clock, so Q1 2027 is the next quarter whatever day the test runs.
const ctx = suite({ demo: false, fixedNow: '2026-11-22T09:00:00Z' });

test('an empty server asks for the organisation and its admin, then signs the admin in', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Set up your organisation' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByLabel('Organisation name').fill('Acme Rockets');
  await page.getByLabel('Time zone').fill('Europe/Paris');
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await page.getByLabel('Your email').fill('ada@acme.example');

  // A common password is refused by the server, next to the field.
  await page.getByLabel(/Password/).fill('password');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.locator('#setup-password-error').waitFor();

  await page.getByLabel(/Password/).fill('a long passphrase');
  await page.getByRole('button', { name: 'Create organisation' }).click();

  // The guided first steps: mission, vision, values; a period; sample objectives.
  await page.getByRole('heading', { name: 'Welcome to Cairn, Acme Rockets' }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByLabel('Mission').fill('Put small satellites in orbit for anyone.');
  await page.getByLabel('Vision').fill('A launch a week by 2030.');
  await page.getByLabel('Values, one per line').fill('Safety first\nShip and learn');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').waitFor();

  // Setup is closed now, for everyone.
  const again = await page.request.get('/api/v1/setup');
  expect(await again.json()).toEqual({ setup_needed: false });

  await page.getByLabel('Name').fill('Q1 2027');
  await page.getByLabel('Starts on').fill('2027-01-01');
  await page.getByLabel('Ends on').fill('2027-03-31');
  await page.getByRole('button', { name: 'Create period' }).click();
  await page.getByText('Your OKRs go into Q1 2027.').waitFor();
  await page.getByLabel('Delight our customers').check();
  await page.getByLabel('Grow a business that funds our mission').check();
  await page.getByRole('button', { name: 'Create 2 company objectives' }).click();

  await page.getByRole('heading', { name: 'Acme Rockets' }).waitFor();
  await page.getByText('Put small satellites in orbit for anyone.').waitFor();
  await page.locator('article.objective', { hasText: 'Delight our customers' }).waitFor();
  await page.locator('article.objective', { hasText: 'Grow a business that funds our mission' }).waitFor();
  await page.getByRole('link', { name: 'Delight our customers' }).click();
  await page.locator('li.key-result', { hasText: 'Raise NPS from 30 to 50' }).waitFor();
  expect(await page.locator('li.key-result').count()).toBe(3);
  expect(problems).toEqual([]);
  await context.close();
});
