// Looking back and planning ahead (F24), and talking about one check-in:
// the demo's review of last quarter on its period page; an admin writes this
// quarter's review for a team, with the guiding questions; its lessons show
// again on the next quarter's page and on the new-objective form for it; a
// comment on a single check-in sits under that check-in.
import { expect, test } from 'vitest';

import type { Period } from '../src/api/types';
import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

test('retrospectives with the guiding questions, and their lessons while planning', async () => {
  const periods = ((await asAdmin(ctx.server, 'GET', '/periods?limit=100')) as { items: Period[] }).items;
  const quarters = periods.filter((p) => p.kind === 'quarter').sort((a, b) => a.start_date.localeCompare(b.start_date));
  const last = quarters.find((p) => p.state === 'closed')!;
  const current = quarters.find((p) => p.state === 'active')!;
  const after = new Date(`${current.end_date}T00:00:00Z`);
  after.setUTCDate(after.getUTCDate() + 1);
  const nextStart = after.toISOString().slice(0, 10);
  after.setUTCMonth(after.getUTCMonth() + 3);
  after.setUTCDate(after.getUTCDate() - 1);
  const next = (await asAdmin(ctx.server, 'POST', '/periods', {
    name: 'Next quarter',
    kind: 'quarter',
    start_date: nextStart,
    end_date: after.toISOString().slice(0, 10),
  })) as Period;

  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();

  // Last quarter's review, every answered question under its heading.
  await maya.page.goto(`/periods/${last.id}`);
  const review = maya.page.locator('article.retrospective').first();
  await review.getByRole('heading', { name: 'Larkspur' }).waitFor();
  await expect(review.textContent()).resolves.toContain('Weekly check-ins made problems visible early.');
  await expect(review.getByText('How did our first OKRs go?').count()).resolves.toBe(1);
  await expect(review.getByText('Lessons learned for the next period').count()).resolves.toBe(1);
  expect(await accessibilityProblems(maya.page)).toEqual([]);

  // This quarter's review of the Platform team.
  await maya.page.goto(`/periods/${current.id}`);
  await maya.page.getByText('No retrospective has been recorded for this period yet.').waitFor();
  await maya.page.getByRole('button', { name: 'Write a retrospective…' }).click();
  await maya.page.getByLabel('Team or unit').selectOption({ label: 'Platform team' });
  await maya.page.getByLabel('What went well?').fill('The migration plan held.');
  await maya.page.getByLabel('Has anything changed with the teams we depend on?').fill('Data now owns the event schema.');
  await maya.page.getByLabel('Lessons learned for the next period').fill('Agree on schemas before the quarter starts.');
  await maya.page.getByRole('button', { name: 'Save retrospective' }).click();
  const platform = maya.page.locator('article.retrospective', { hasText: 'Platform team' });
  await platform.getByText('The migration plan held.').waitFor();
  await expect(platform.textContent()).resolves.not.toContain('Where could we improve?');

  // Editing starts from the answers, and the newest version is the review.
  await maya.page.getByRole('button', { name: 'Edit the retrospective of Platform team' }).click();
  await expect(maya.page.getByLabel('What went well?').inputValue()).resolves.toBe('The migration plan held.');
  await maya.page.getByLabel('Where could we improve?').fill('Smaller releases.');
  await maya.page.getByRole('button', { name: 'Save retrospective' }).click();
  await platform.getByText('Smaller releases.').waitFor();
  await platform.getByText(/Last edited by Maya Chen/).waitFor();
  const stored = (await asAdmin(ctx.server, 'GET', `/retrospectives?period_id=${current.id}`)) as {
    items: Array<{ revision: number; answers: Record<string, string> }>;
  };
  expect(stored.items).toHaveLength(1);
  expect(stored.items[0]).toMatchObject({ revision: 2, answers: { improve: 'Smaller releases.', went_well: 'The migration plan held.' } });

  // Planning the next quarter shows this quarter's lessons.
  await maya.page.goto(`/periods/${next.id}`);
  const lessons = maya.page.locator('aside.lessons');
  await lessons.getByRole('heading', { name: `Lessons from ${current.name}` }).waitFor();
  await expect(lessons.textContent()).resolves.toContain('Platform team: Agree on schemas before the quarter starts.');
  await expect(maya.page.getByRole('heading', { name: 'Retrospectives' }).count()).resolves.toBe(0);
  await maya.page.goto('/objectives/new');
  await maya.page.locator('#objective-period').selectOption(next.id);
  await maya.page.locator('aside.lessons').getByText('Agree on schemas before the quarter starts.').waitFor();
});

test('a comment on a single check-in sits under that check-in', async () => {
  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await maya.page.goto('/objectives/obj_2');
  await maya.page.getByRole('button', { name: 'History of Increase NPS from 30 to 50' }).click();
  const panel = maya.page.locator('li.key-result', { hasText: 'Increase NPS' }).locator('.history');
  const newest = panel.locator('ol.check-ins > li').first();
  await newest.getByRole('button', { name: 'Comment' }).click();
  await newest.getByPlaceholder(/Write a comment/).fill('Why did it move so little this week?');
  await newest.getByRole('button', { name: 'Post comment' }).click();
  await newest.getByRole('button', { name: /1 comment/ }).waitFor();
  await newest.getByText('Why did it move so little this week?').waitFor();

  const checkIns = (await asAdmin(ctx.server, 'GET', '/key-results/kr_6/check-ins')) as { items: Array<{ id: string }> };
  const onCheckIn = (await asAdmin(ctx.server, 'GET', `/comments?check_in_id=${checkIns.items[0]!.id}`)) as { items: Array<{ body: string }> };
  expect(onCheckIn.items.map((c) => c.body)).toEqual(['Why did it move so little this week?']);
  // The key result's own comments do not repeat it.
  await expect(panel.locator(':scope > section .comments').textContent()).resolves.not.toContain('move so little');
});
