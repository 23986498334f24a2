// Administration in the browser: a new person, a role change that signs
// them out at once, a unit with a lead and a member, and the organisation's
// settings with the server's validation.
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

test('people, roles, units and settings', async () => {
  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('link', { name: 'Admin' }).click();
  await maya.page.getByRole('heading', { name: 'People', level: 2 }).waitFor();
  await maya.page.locator('table.admin-table tbody tr').first().waitFor();
  expect(await accessibilityProblems(maya.page)).toEqual([]);

  await maya.page.getByLabel('Name', { exact: true }).fill('Rita Reyes');
  await maya.page.getByLabel('Email', { exact: true }).fill('rita@larkspur.example');
  await maya.page.getByLabel('Manager', { exact: true }).selectOption({ label: 'Maya Chen' });
  await maya.page.getByLabel('First password (optional)').fill('rita passphrase');
  await maya.page.getByRole('button', { name: 'Add person' }).click();
  await maya.page.getByRole('status').getByText('Rita Reyes was added.').waitFor();

  const rita = await openPage(ctx.browser, ctx.server);
  await signIn(rita.page, 'rita@larkspur.example', 'rita passphrase');
  await rita.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  expect(await rita.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);

  // A role change ends Rita's session on the server: her next page is sign-in.
  await maya.page.getByLabel('Role of Rita Reyes').selectOption('viewer');
  await maya.page.getByRole('status').getByText('Rita Reyes: saved.').waitFor();
  await rita.page.goto('/company');
  await rita.page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
  const people = (await asAdmin(ctx.server, 'GET', '/people?limit=1000')) as { items: Array<{ email: string; role: string }> };
  expect(people.items.find((p) => p.email === 'rita@larkspur.example')?.role).toBe('viewer');

  // A unit below the company, with Rita as lead and member.
  await maya.page.getByRole('link', { name: 'Units' }).click();
  await maya.page.getByRole('heading', { name: 'Add unit' }).waitFor();
  await maya.page.getByLabel('Name', { exact: true }).fill('Support');
  await maya.page.getByLabel('Part of', { exact: true }).selectOption({ label: 'Larkspur Labs' });
  await maya.page.getByLabel('Lead', { exact: true }).selectOption({ label: 'Rita Reyes' });
  await maya.page.getByRole('button', { name: 'Add unit' }).click();
  await maya.page.getByRole('status').getByText('Support was added.').waitFor();
  await maya.page.getByLabel('Add a member to Support').selectOption({ label: 'Rita Reyes' });
  await maya.page.getByRole('button', { name: 'Remove Rita Reyes from Support' }).waitFor();

  // Settings: a mission the company page shows, and a refused rule.
  await maya.page.getByRole('link', { name: 'Settings' }).click();
  await maya.page.getByLabel('Mission').waitFor();
  expect(await accessibilityProblems(maya.page)).toEqual([]);
  await maya.page.getByLabel('Mission').fill('Help small teams ship work they are proud of, every week.');
  await maya.page.getByRole('button', { name: 'Save settings' }).click();
  await maya.page.getByRole('status').getByText('Settings saved.').waitFor();
  await maya.page.getByLabel('Key results per objective, at least').fill('6');
  await maya.page.getByLabel('Key results per objective, at most').fill('2');
  await maya.page.getByRole('button', { name: 'Save settings' }).click();
  await maya.page.getByRole('alert').waitFor();
  const org = (await asAdmin(ctx.server, 'GET', '/organization')) as { mission: string; settings: { key_results_per_objective: { min: number } } };
  expect(org.mission).toBe('Help small teams ship work they are proud of, every week.');
  expect(org.settings.key_results_per_objective.min).toBe(3);
  await maya.page.getByRole('link', { name: 'Company' }).click();
  await maya.page.getByText('every week.').waitFor();

  expect(maya.problems).toEqual([]);
  expect(rita.problems).toEqual([]);
  await maya.context.close();
  await rita.context.close();
});
