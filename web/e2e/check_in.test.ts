// Sign-in, My OKRs, a check-in made from the keyboard alone, the objective
// page's bars moving, and sign-out, on the demo organisation.
import { expect, test } from 'vitest';

import { openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

test('a wrong password is refused with a clear message, and nothing else', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'not-the-password');
  await expect(page.getByRole('alert').textContent()).resolves.toContain(
    'That email and password do not match an account.',
  );
  expect(await page.getByLabel('Password').inputValue()).toBe('');
  expect(problems).toEqual([]);
  await context.close();
});

test('sign in, check in from the keyboard, see the bars move, sign out', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  const nps = page.locator('li.key-result', { hasText: 'Increase NPS from 30 to 50' }).first();
  await nps.waitFor();
  const before = Number(await nps.getByRole('progressbar').getAttribute('aria-valuenow'));

  // Keyboard only: focus the button, Enter opens the dialog with the value
  // field focused, type, Tab to confidence, type, Enter saves.
  await nps.getByRole('button', { name: /Check in on Increase NPS/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('check-in-value');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('45');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('9');
  // Before saving, the server's preview: NPS 30 → 50 at 45 is 75 %.
  await dialog.getByText(/After this check-in: 75%, On track/).waitFor();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });

  // NPS 30 → 50 at 45 is 75 % (DOMAIN.md metric progress), as the server says.
  await expect
    .poll(async () => Number(await nps.getByRole('progressbar').getAttribute('aria-valuenow')))
    .toBe(75);
  expect(before).not.toBe(75);
  await expect(nps.textContent()).resolves.toContain('Confidence 9/10');

  // The objective's page shows the key result and the objective moved too.
  await page.goto('/objectives/obj_2');
  await page.getByRole('heading', { name: /Delight our customers/ }).waitFor();
  const krBar = page.locator('li.key-result', { hasText: 'Increase NPS' }).getByRole('progressbar');
  await expect.poll(async () => krBar.getAttribute('aria-valuenow')).toBe('75');
  const objectiveBar = page.locator('.objective-summary').getByRole('progressbar');
  const objectiveBefore = Number(await objectiveBar.getAttribute('aria-valuenow'));

  await page.locator('li.key-result', { hasText: 'Increase NPS' }).getByRole('button', { name: /Check in/ }).click();
  await page.getByLabel(/Current value/).fill('50');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect.poll(async () => krBar.getAttribute('aria-valuenow')).toBe('100');
  await expect
    .poll(async () => Number(await objectiveBar.getAttribute('aria-valuenow')))
    .toBeGreaterThan(objectiveBefore);

  // A bad value is caught before it leaves the page.
  await page.locator('li.key-result', { hasText: 'Increase NPS' }).getByRole('button', { name: /Check in/ }).click();
  await page.getByLabel(/Current value/).fill('lots');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByText('Enter a number.').isVisible()).resolves.toBe(true);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  // Signing out is in the person's menu.
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
  // The session is over on the server, not only in this tab.
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
  expect(problems).toEqual([]);
  await context.close();
});
