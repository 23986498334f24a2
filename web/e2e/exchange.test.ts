// Import and export in the browser: an admin downloads the period as JSON,
// uploads a document with a mistake (the problem shows with its line and
// place, and nothing changes), then a correct one (checked first, then
// imported: the new objective is on the period's page). A member sees only
// the spreadsheets.
import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, openPage, setPassword, signIn, suite } from './harness';

const ctx = suite({ demo: true, arrange: (server) => setPassword(server, 'kenji@larkspur.example', 'kenji passphrase') });
const title = 'Open an office in Lisbon';

interface Exported {
  people: Array<{ email: string }>;
  periods: Array<{ id: string; name: string }>;
  organization: unknown;
}

async function objectiveTitles(period: string): Promise<string[]> {
  const page = (await asAdmin(ctx.server, 'GET', `/objectives?period_id=${period}&limit=1000`)) as {
    items: Array<{ title: string }>;
  };
  return page.items.map((o) => o.title);
}

test('export JSON, a document with a mistake changes nothing, a correct one adds its objective', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Import and export' }).click();
  await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();
  expect(await accessibilityProblems(page), 'import and export').toEqual([]);

  // One period as OKRs as code.
  const periodId = await page.locator('header select').first().inputValue();
  await page.getByLabel('What to export').selectOption(periodId);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('okrs.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Exported;
  expect(exported.periods.length).toBeGreaterThan(0);

  // A new objective in that period, for Maya; first with a misspelt field.
  const period = exported.periods.find((p) => p.id === periodId) ?? exported.periods[exported.periods.length - 1]!;
  const document = (objective: Record<string, unknown>) =>
    JSON.stringify(
      {
        format: 'cairn-okrs/1',
        organization: exported.organization,
        // Matched by email, and by name and dates (with the periods enclosing it).
        people: exported.people,
        periods: exported.periods,
        objectives: [objective],
      },
      null,
      2,
    );
  const objective = {
    id: 'lisbon',
    title,
    period: period.id,
    owner: { person: ctx.server.adminEmail },
    key_results: [{ id: 'lease', title: 'Sign the lease', kind: 'boolean', owner: ctx.server.adminEmail }],
  };
  const before = await objectiveTitles(periodId);
  const file = page.getByLabel('Document');
  await file.setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(document({ ...objective, wieght: 2 })) });
  await page.getByRole('button', { name: 'Check document' }).click();
  await page.getByRole('alert').getByText('1 problem; nothing was imported.').waitFor();
  const row = page.locator('table.import-problems tbody tr');
  await expect(row.count()).resolves.toBe(1);
  const cells = await row.locator('td').allTextContents();
  const wrongLine = document({ ...objective, wieght: 2 }).split('\n').findIndex((l) => l.includes('"wieght"')) + 1;
  expect(cells[0]).toBe(String(wrongLine));
  expect(cells[1]).toBe('/objectives/0/wieght');
  expect(cells[2]).toMatch(/not a field/);
  expect(await page.getByRole('button', { name: 'Import now' }).count()).toBe(0);
  expect(await accessibilityProblems(page), 'import problems').toEqual([]);
  expect(await objectiveTitles(periodId)).toEqual(before);

  // The corrected document: checked first (the dry run keeps nothing), then imported.
  await file.setInputFiles({ name: 'right.json', mimeType: 'application/json', buffer: Buffer.from(document(objective)) });
  expect(await row.count()).toBe(0);
  await page.getByRole('button', { name: 'Check document' }).click();
  await page.getByText('The document is fine.').waitFor();
  const counts = page.locator('.import-counts');
  await expect(counts.locator('div', { hasText: 'Objectives' }).locator('dd').textContent()).resolves.toBe('1');
  await expect(counts.locator('div', { hasText: 'Key results' }).locator('dd').textContent()).resolves.toBe('1');
  expect(await objectiveTitles(periodId)).toEqual(before);
  await page.getByRole('button', { name: 'Import now' }).click();
  await page.getByText('Imported. Objectives: 1, key results: 1.').waitFor();
  expect(await objectiveTitles(periodId)).toContain(title);

  await page.goto(`/periods/${periodId}`);
  await page.getByRole('link', { name: title }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
});

test('a member sees the spreadsheets of a period only', async () => {
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, 'kenji@larkspur.example', 'kenji passphrase');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Export', exact: true }).click();
  await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
  expect(await page.getByRole('link', { name: /JSON|YAML/ }).count()).toBe(0);
  expect(await page.getByRole('heading', { name: 'Import' }).count()).toBe(0);
  expect(await page.getByRole('option', { name: 'The whole organisation' }).count()).toBe(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('Objective ID');
  expect(await accessibilityProblems(page), 'export for members').toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
