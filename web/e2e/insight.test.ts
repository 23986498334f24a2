// Insight in the browser (issue 9): the demo organisation's maturity with
// every criterion and its history, the program health of the whole
// organisation and of a pilot group, and the product team's quarters
// compared with the objective it rolled over. The page shows the server's
// numbers, so each check compares with the API's own answer.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, asPerson, openPage, setPassword, signIn, suite } from './harness';

// Lucía mentions Maya, so that the header carries an unread count.
const ctx = suite({
  demo: true,
  arrange: async (server) => {
    const list = (await asAdmin(server, 'GET', '/objectives?limit=1000')) as { items: Array<{ id: string; title: string }> };
    const objective = list.items.find((o) => o.title.startsWith('Delight our customers'))!;
    await setPassword(server, 'lucia@larkspur.example', 'lucia passphrase');
    await asPerson(server, { email: 'lucia@larkspur.example', password: 'lucia passphrase' }, 'POST', '/comments', {
      target: { objective_id: objective.id },
      body: '@maya@larkspur.example how mature are we?',
    });
  },
});

interface Figure {
  numerator: number;
  denominator: number;
  ratio: number | null;
}
interface Health {
  figures: Record<string, Figure>;
  trend: unknown[];
}

const stageNames: Record<string, string> = {
  curious: 'Curious',
  aware: 'Aware',
  champion: 'Champion',
  excellence: 'Excellence',
  master: 'Master',
};

// "12 / 15 (80%)" as the page writes a figure in English.
const figureText = (f: Figure) =>
  f.ratio === null
    ? `${f.numerator} / ${f.denominator} (nothing to count)`
    : `${f.numerator} / ${f.denominator} (${Math.round(f.ratio * 100)}%)`;

async function expectFigures(page: Page, health: Health) {
  for (const name of ['onboarding', 'activity', 'alignment', 'transparency', 'focus']) {
    await page
      .locator(`.health-figure[data-figure="${name}"] .figure-value`, { hasText: figureText(health.figures[name]!) })
      .waitFor();
  }
}

test('maturity, program health and compared periods', async () => {
  const { page, problems } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();

  // The header keeps every item on one line at 1200 px.
  const nav = page.getByRole('navigation', { name: 'Main' });
  // Also with an unread count beside the bell. One line is about 55 px
  // high, two about 100.
  await page.getByRole('link', { name: 'Notifications: 1 unread' }).waitFor();
  const header = await page.locator('header.top').boundingBox();
  expect(header!.height).toBeLessThan(70);

  // ---- Maturity ----
  await nav.getByRole('link', { name: 'Insight' }).click();
  await page.getByRole('heading', { name: 'Insight', level: 1 }).waitFor();
  expect(page.url()).toMatch(/\/insight$/);
  const maturity = (await asAdmin(ctx.server, 'GET', '/reports/maturity')) as {
    stage: string;
    stage_number: number;
    criteria: Array<{ id: string; passed: boolean }>;
    history: Array<{ name: string; stage: string; passed: number; total: number }>;
  };
  const stage = stageNames[maturity.stage]!;
  await page.getByRole('heading', { name: `Your stage: ${stage}, ${maturity.stage_number} of 5` }).waitFor();
  const ladder = page.getByRole('list', { name: 'The five stages' });
  expect(await ladder.locator('li').count()).toBe(5);
  expect(await ladder.locator('li[aria-current="step"]').textContent()).toContain(stage);
  expect(await page.locator('tr[data-criterion]').count()).toBe(maturity.criteria.length);
  for (const c of maturity.criteria) {
    const row = page.locator(`tr[data-criterion="${c.id}"]`);
    expect(await row.locator('td').nth(2).textContent(), c.id).toBe(c.passed ? 'Passed' : 'Not yet');
    // A failing criterion says what to do next.
    if (!c.passed) expect((await row.locator('td').nth(3).textContent())!.length, c.id).toBeGreaterThan(10);
  }
  // The previous quarter has ended: its stage is listed and charted.
  expect(maturity.history.length).toBeGreaterThan(0);
  for (const h of maturity.history) {
    await page.locator('.maturity-history li', { hasText: `${h.name} (ended` }).getByText(`${stageNames[h.stage]}, ${h.passed} of ${h.total} criteria passed`).waitFor();
  }
  await page.getByRole('img', { name: 'Maturity stage at the end of each period' }).locator('canvas').first().waitFor();
  expect(await accessibilityProblems(page), 'maturity').toEqual([]);

  // ---- Program health ----
  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Program health' }).click();
  expect(page.url()).toMatch(/\/insight\/health$/);
  // The Insight item stays the current one on its sub-pages.
  await nav.locator('a.current', { hasText: 'Insight' }).waitFor();
  const whole = (await asAdmin(ctx.server, 'GET', '/reports/health')) as Health;
  await expectFigures(page, whole);
  await page.getByRole('img', { name: 'Program health over the period' }).locator('canvas').first().waitFor();
  // A pilot group of one team: its own figures.
  const units = (await asAdmin(ctx.server, 'GET', '/units?limit=1000')) as { items: Array<{ id: string; name: string }> };
  const platform = units.items.find((u) => u.name === 'Platform team')!;
  await page.getByRole('checkbox', { name: 'Platform team' }).check();
  const pilot = (await asAdmin(ctx.server, 'GET', `/reports/health?unit_ids=${platform.id}`)) as Health;
  expect(pilot.figures.onboarding!.denominator).toBeLessThan(whole.figures.onboarding!.denominator);
  await expectFigures(page, pilot);
  expect(await accessibilityProblems(page), 'health').toEqual([]);

  // ---- Compare: reachable by its address ----
  await page.goto('/insight/compare');
  await page.getByRole('heading', { name: 'Insight', level: 1 }).waitFor();
  const periods = (await asAdmin(ctx.server, 'GET', '/periods?limit=1000')) as {
    items: Array<{ id: string; name: string; kind: string; state: string; start_date: string }>;
  };
  const quarters = periods.items.filter((p) => p.kind === 'quarter').sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
  const [previous, current] = [quarters[quarters.length - 2]!, quarters[quarters.length - 1]!];
  // The last quarters are ticked first.
  expect(await page.getByRole('checkbox', { name: previous.name }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: current.name }).isChecked()).toBe(true);
  const product = units.items.find((u) => u.name === 'Product team')!;
  await page.getByLabel('Unit').selectOption({ label: 'Product team' });
  const compared = (await asAdmin(
    ctx.server,
    'GET',
    `/reports/compare?unit_id=${product.id}&period_ids=${previous.id},${current.id}`,
  )) as { periods: Array<{ score: number | null; progress: number }>; rollovers: Array<{ from: string; to: string }> };
  expect(compared.rollovers).toHaveLength(1);
  const table = page.getByRole('table', { name: 'Objectives of Product team per period' });
  // The rolled-over objective sits on its original's row, in the new quarter's column.
  const chain = table.locator('tbody tr', { has: page.locator(`td[data-objective="${compared.rollovers[0]!.to}"]`) });
  await chain.waitFor();
  expect(await chain.locator(`td[data-objective="${compared.rollovers[0]!.from}"]`).count()).toBe(1);
  await chain.getByText(`rolled over from ${previous.name}`).waitFor();
  expect(await chain.locator('td').nth(0).getByRole('link').textContent()).toBe('Ship the collaboration basics');
  // The closed quarter's score, as the server computed it.
  const score = compared.periods[0]!.score!;
  await table.locator('thead th').nth(0).getByText(`Score ${Math.round(score * 100)}%`).waitFor();
  await page.getByRole('img', { name: 'Progress and score of Product team per period' }).locator('canvas').first().waitFor();
  expect(await accessibilityProblems(page), 'compare').toEqual([]);

  // Fewer than two periods: the page asks for more instead of asking the server.
  await page.getByRole('checkbox', { name: previous.name }).uncheck();
  for (const q of quarters.slice(0, -2)) await page.getByRole('checkbox', { name: q.name }).uncheck();
  await page.getByText('Pick 2 to 8 periods to compare.').waitFor();

  // In German.
  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('heading', { name: 'Einblicke', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Berichte' }).getByRole('link', { name: 'Reifegrad' }).click();
  await page.getByRole('heading', { name: /^Ihre Stufe: / }).waitFor();
  expect(problems).toEqual([]);
}, 120_000);

test('on a phone, in German, nothing sticks out sideways', async () => {
  const { page, problems } = await openPage(ctx.browser, ctx.server, {
    locale: 'de-DE',
    viewport: { width: 390, height: 844 },
  });
  await page.goto('/');
  await page.getByLabel('E-Mail').fill(ctx.server.adminEmail!);
  await page.getByLabel('Passwort').fill('larkspur-demo');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { name: 'Meine OKRs' }).waitFor();
  for (const [section, ready] of [
    ['maturity', '.maturity-ladder'],
    ['health', '.health-figure'],
    ['compare', '.compare-table'],
  ] as const) {
    await page.goto(`/insight/${section}`);
    await page.locator(ready).first().waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await expect(page.evaluate(() => document.documentElement.scrollWidth), section).resolves.toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(page), section).toEqual([]);
  }
  expect(problems).toEqual([]);
}, 90_000);
