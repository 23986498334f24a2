// Working together on an objective: initiatives, comments with a mention and
// reactions (seen live by someone else), and editing that never overwrites a
// change made meanwhile.
import { expect, test } from 'vitest';

import { asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({
  demo: true,
  arrange: async (arranged) => {
    await asAdmin(arranged, 'PATCH', '/people/per_1', { password: 'daniel passphrase' });
  },
});

test('initiatives, comments with reactions seen live, and a safe edit', async () => {
  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await maya.page.goto('/objectives/obj_2');
  await maya.page.getByRole('heading', { name: 'Initiatives' }).waitFor();

  const daniel = await openPage(ctx.browser, ctx.server);
  await signIn(daniel.page, 'daniel@larkspur.example', 'daniel passphrase');
  await daniel.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await daniel.page.goto('/objectives/obj_2');
  await daniel.page.getByRole('heading', { name: 'Comments' }).waitFor();

  // An initiative, moved to "Doing"; it stays so after a reload.
  await maya.page.getByLabel('New initiative').fill('Run ten customer interviews');
  await maya.page.getByRole('button', { name: 'Add', exact: true }).click();
  const state = maya.page.getByLabel('State of Run ten customer interviews');
  await state.waitFor();
  await state.selectOption('doing');
  await expect.poll(async () => (await asAdmin(ctx.server, 'GET', '/initiatives?objective_id=obj_2')) as { items: Array<{ state: string }> })
    .toMatchObject({ items: [{ state: 'doing' }] });
  await maya.page.reload();
  await expect(maya.page.getByLabel('State of Run ten customer interviews').inputValue()).resolves.toBe('doing');

  // A comment mentioning Daniel appears on his open page without a reload.
  await maya.page.getByPlaceholder(/Write a comment/).fill('Great start, @daniel@larkspur.example — can you share the interview notes?');
  await maya.page.getByRole('button', { name: 'Post comment' }).click();
  await daniel.page.getByText('can you share the interview notes?').waitFor({ timeout: 5000 });
  await expect(daniel.page.locator('.comment-meta').first().textContent()).resolves.toContain('Maya Chen');

  // Daniel reacts; Maya's page shows the count.
  await daniel.page.getByRole('button', { name: 'React' }).click();
  await daniel.page.getByRole('button', { name: '+1' }).click();
  await daniel.page.getByRole('button', { name: '+1: 1' }).waitFor();
  await expect(daniel.page.getByRole('button', { name: '+1: 1' }).getAttribute('aria-pressed')).resolves.toBe('true');
  await maya.page.getByRole('button', { name: '+1: 1' }).waitFor({ timeout: 5000 });
  await expect(maya.page.getByRole('button', { name: '+1: 1' }).getAttribute('aria-pressed')).resolves.toBe('false');

  // An edit goes through; one made on a stale page is refused and explained.
  await maya.page.getByRole('button', { name: 'Edit', exact: true }).click();
  await maya.page.getByLabel('Objective', { exact: true }).fill('Delight our customers so they recommend us');
  await maya.page.getByRole('button', { name: 'Save changes' }).click();
  await maya.page.getByRole('heading', { name: 'Delight our customers so they recommend us' }).waitFor();

  await maya.page.getByRole('button', { name: 'Edit', exact: true }).click();
  await asAdmin(ctx.server, 'PATCH', '/objectives/obj_2', { description: 'Changed elsewhere meanwhile.' });
  await maya.page.getByLabel('Objective', { exact: true }).fill('A title that must not win');
  await maya.page.getByRole('button', { name: 'Save changes' }).click();
  await maya.page.getByText('Someone changed this objective meanwhile').waitFor();
  const now = (await asAdmin(ctx.server, 'GET', '/objectives/obj_2')) as { title: string; description: string };
  expect(now.title).toBe('Delight our customers so they recommend us');
  expect(now.description).toBe('Changed elsewhere meanwhile.');

  // A comment on a key result, in its history panel.
  await maya.page.getByRole('button', { name: 'History of Increase NPS from 30 to 50' }).click();
  const panel = maya.page.locator('li.key-result', { hasText: 'Increase NPS' }).locator('.history');
  await panel.getByPlaceholder(/Write a comment/).fill('Survey goes out on Monday.');
  await panel.getByRole('button', { name: 'Post comment' }).click();
  await panel.getByText('Survey goes out on Monday.').waitFor();
  const onKr = (await asAdmin(ctx.server, 'GET', '/comments?key_result_id=kr_6')) as { items: Array<{ body: string }> };
  expect(onKr.items.map((c) => c.body)).toContain('Survey goes out on Monday.');

  // The change history says who changed what.
  await maya.page.getByRole('button', { name: 'Change history' }).click();
  await maya.page.locator('ol.audit').getByText('Delight our customers so they recommend us').first().waitFor();
  await expect(maya.page.locator('ol.audit').textContent()).resolves.toContain('Maya Chen');

  expect(maya.problems.filter((p) => !p.includes('412'))).toEqual([]);
  expect(daniel.problems).toEqual([]);
  await maya.context.close();
  await daniel.context.close();
});
