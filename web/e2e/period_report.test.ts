// The printable period report for the all-hands review (issue 9): last
// quarter's numbers, each unit's objectives with their scores as the server
// gave them, the retrospectives, and on paper nothing of the app's frame.
import { expect, test } from 'vitest';

import type { Objective, Period } from '../src/api/types';
import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

test("last quarter's report, on screen and in print", async () => {
  const periods = ((await asAdmin(ctx.server, 'GET', '/periods?limit=100')) as { items: Period[] }).items;
  const last = periods.find((p) => p.kind === 'quarter' && p.state === 'closed')!;
  const objectives = ((await asAdmin(ctx.server, 'GET', `/objectives?period_id=${last.id}&limit=1000`)) as { items: Objective[] }).items;
  const scored = objectives.filter((o) => 'unit_id' in o.owner && o.score !== null && o.state !== 'draft');
  expect(scored.length).toBeGreaterThan(0);

  const maya = await openPage(ctx.browser, ctx.server);
  await signIn(maya.page, ctx.server.adminEmail!, 'larkspur-demo');
  await maya.page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await maya.page.goto(`/periods/${last.id}`);
  await maya.page.getByRole('link', { name: 'Printable report for the review' }).click();
  await maya.page.getByRole('heading', { name: `${last.name} review · Larkspur Labs` }).waitFor();

  // Every scored unit objective, with the score the server computed.
  for (const o of scored) {
    const block = maya.page.locator(`article.report-objective[data-id="${o.id}"]`);
    await expect(block.textContent()).resolves.toContain(`score ${o.score!.toLocaleString('en')}`);
    await expect(block.textContent()).resolves.toMatch(o.success ? /succeeded/ : /missed its bar/);
  }
  const summary = maya.page.locator('dl.report-summary');
  await expect(summary.textContent()).resolves.toContain(
    `${scored.filter((o) => o.success).length} of ${objectives.filter((o) => o.state !== 'draft' && o.state !== 'archived').length}`,
  );
  await expect(summary.textContent()).resolves.toMatch(/Your stage: \w+, \d of 5/);
  await maya.page.locator('article.retrospective').getByText("Set the metric's baseline before the quarter starts.").waitFor();
  expect(await accessibilityProblems(maya.page)).toEqual([]);

  // The same report as a PDF, drawn by the server.
  const [download] = await Promise.all([
    maya.page.waitForEvent('download'),
    maya.page.getByRole('link', { name: 'Download the PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-review\.pdf$/);

  // On paper: the report alone.
  await maya.page.emulateMedia({ media: 'print' });
  await expect(maya.page.locator('header.top').isVisible()).resolves.toBe(false);
  await expect(maya.page.getByRole('button', { name: 'Print…' }).isVisible()).resolves.toBe(false);
  await expect(maya.page.getByRole('heading', { name: `${last.name} review · Larkspur Labs` }).isVisible()).resolves.toBe(true);
  const pdf = await maya.page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
