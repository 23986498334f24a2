// The first start of an empty server: the setup form, then signed in.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';

import { openPage, startBrowser, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ demo: false });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an empty server asks for the organisation and its admin, then signs the admin in', async () => {
  const { page, problems, context } = await openPage(browser, server);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Set up your organisation' }).waitFor();
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
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await expect(page.getByText('Hello, Ada Lovelace').isVisible()).resolves.toBe(true);

  // Setup is closed now, for everyone.
  const again = await page.request.get('/api/v1/setup');
  expect(await again.json()).toEqual({ setup_needed: false });
  await page.getByRole('link', { name: 'Company' }).click();
  await page.getByRole('heading', { name: 'Acme Rockets' }).waitFor();

  // No period yet: the admin starts the first one, and the company view opens.
  await page.getByRole('heading', { name: 'Start your first period' }).waitFor();
  await page.getByLabel('Name').fill('Q1 2027');
  await page.getByLabel('Starts on').fill('2027-01-01');
  await page.getByLabel('Ends on').fill('2027-03-31');
  await page.getByRole('button', { name: 'Create period' }).click();
  await page.getByRole('heading', { name: 'Company objectives' }).waitFor();
  await expect(page.getByLabel('Period').inputValue()).resolves.not.toBe('');
  expect(problems).toEqual([]);
  await context.close();
});
