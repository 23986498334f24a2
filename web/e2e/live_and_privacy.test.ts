// Two people at once: one's check-in appears on the other's open page
// without a reload; a private objective stays invisible to a viewer.
import { expect, test } from 'vitest';

import { asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({
  demo: true,
  arrange: async (arranged) => {
    // Daniel (a member) gets a password; a viewer joins.
    await asAdmin(arranged, 'PATCH', '/people/per_1', { password: 'daniel passphrase' });
    await asAdmin(arranged, 'POST', '/people', {
      name: 'Vic Viewer',
      email: 'vic@larkspur.example',
      role: 'viewer',
      password: 'viewer passphrase',
    });
  },
});

test("another person's check-in appears without reloading", async () => {
  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await maya.page.goto('/objectives/obj_2');
  const churn = maya.page.locator('li.key-result', { hasText: 'Reduce monthly churn' });
  await churn.waitFor();
  const before = await churn.getByRole('progressbar').getAttribute('aria-valuenow');
  await maya.page.evaluate(() => ((window as unknown as { reloaded: boolean }).reloaded = false));

  const daniel = await openPage(ctx.browser, ctx.server);
  await signIn(daniel.page, 'daniel@larkspur.example', 'daniel passphrase');
  const mine = daniel.page.locator('li.key-result', { hasText: 'Reduce monthly churn' });
  await mine.waitFor();
  await mine.getByRole('button', { name: /Check in/ }).click();
  // Churn from 4 % to 2 %: at 2.5 % it is 75 % of the way.
  await daniel.page.getByLabel(/Current value/).fill('2.5');
  await daniel.page.getByLabel(/Confidence/).fill('8');
  await daniel.page.getByRole('button', { name: 'Save check-in' }).click();
  await daniel.page.getByRole('dialog').waitFor({ state: 'hidden' });

  const started = Date.now();
  await expect.poll(async () => churn.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 5000 }).toBe('75');
  expect(before).not.toBe('75');
  // Within a second, and the same page: no reload happened.
  expect(Date.now() - started).toBeLessThan(1000);
  await expect(
    maya.page.evaluate(() => (window as unknown as { reloaded?: boolean }).reloaded),
  ).resolves.toBe(false);
  expect(maya.problems).toEqual([]);
  expect(daniel.problems).toEqual([]);
  await maya.context.close();
  await daniel.context.close();
});

test('a private objective is invisible to a viewer, even by its address', async () => {
  const secret = (await asAdmin(ctx.server, 'POST', '/objectives', {
    title: 'Secret acquisition',
    period_id: 'prd_2',
    owner: { unit_id: 'unit_0' },
    visibility: 'private',
  })) as { id: string };

  const vic = await openPage(ctx.browser, ctx.server);
  await signIn(vic.page, 'vic@larkspur.example', 'viewer passphrase');
  await vic.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await vic.page.getByRole('link', { name: 'Company' }).click();
  await vic.page.getByRole('heading', { name: 'Company objectives' }).waitFor();
  await vic.page.locator('article.objective').first().waitFor();
  await expect(vic.page.content()).resolves.not.toContain('Secret acquisition');

  await vic.page.goto(`/objectives/${secret.id}`);
  await vic.page.getByText('Not found.').waitFor();
  await expect(vic.page.content()).resolves.not.toContain('Secret acquisition');
  // A viewer may read but not check in: no check-in buttons anywhere.
  await vic.page.goto('/objectives/obj_2');
  await vic.page.locator('li.key-result').first().waitFor();
  expect(await vic.page.getByRole('button', { name: /Check in/ }).count()).toBe(0);

  // Maya, an admin, sees it.
  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await maya.page.goto(`/objectives/${secret.id}`);
  await maya.page.getByRole('heading', { name: 'Secret acquisition' }).waitFor();
  expect(vic.problems).toEqual([]);
  expect(maya.problems).toEqual([]);
  await vic.context.close();
  await maya.context.close();
});
