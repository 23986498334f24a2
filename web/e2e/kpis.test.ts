// KPIs in the browser (F30, F31): an admin creates a KPI, types a value,
// uploads a CSV history, makes a push token that a job then uses, and sees
// the key result the KPI feeds follow; a pull from a URL that refuses
// connections shows its error on the page and writes nothing.
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, openPage, signIn, suite } from './harness';

const ctx = suite({ demo: true });

interface Listed {
  items: Array<{ id: string; title: string; state: string }>;
}

test('a KPI is made, fed by hand, by a CSV, by a push token and shows a failing pull', async () => {
  const { page, problems } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'KPIs' }).click();
  await page.getByRole('heading', { name: 'KPIs', level: 1 }).waitFor();

  await page.getByLabel('Name').fill('Weekly active users');
  await page.getByLabel('Unit').fill('users');
  await page.getByLabel('Healthy from').fill('800');
  await page.getByRole('button', { name: 'Create the KPI' }).click();
  await page.getByRole('heading', { name: 'Weekly active users', level: 1 }).waitFor();
  const id = page.url().split('/').pop()!;

  // A key result of the demo follows it (made through the API).
  const objectives = (await asAdmin(ctx.server, 'GET', '/objectives?limit=1000')) as Listed;
  const objective = objectives.items.find((o) => o.state === 'active')!;
  await asAdmin(ctx.server, 'POST', '/key-results', {
    objective_id: objective.id,
    title: 'Reach 1,500 weekly active users',
    start: 0,
    target: 1500,
    unit: 'users',
    progress_source: 'kpi',
    kpi_id: id,
  });

  await page.getByLabel('Value', { exact: true }).fill('900');
  await page.getByRole('button', { name: 'Add the value' }).click();
  await page.getByText('The value is recorded.').waitFor();
  // The page loads the KPI again after the message: wait for the new value.
  await page.locator('.kpi-latest', { hasText: /^900 users/ }).waitFor();
  await page.getByText('Healthy', { exact: true }).waitFor();
  const fed = page.locator('li.key-result', { hasText: 'Reach 1,500 weekly active users' });
  await fed.locator('.current', { hasText: '900 users / 1,500 users' }).waitFor();

  // A CSV history: the chart is drawn.
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Upload a history (CSV)').setInputFiles({
    name: 'wau.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`at,value\n${day(21)},610\n${day(14)},700\n${day(7)},790\n`),
  });
  await page.getByText('The history is recorded.').waitFor();
  await page.getByRole('img', { name: /Values of Weekly active users/ }).waitFor();

  // A push token, used by a job outside the browser: the page follows live.
  await page.getByRole('button', { name: 'Make a push token' }).click();
  const token = await page.getByLabel(/The token, shown this once/).inputValue();
  expect(token).toMatch(/^cairnkpi_/);
  const pushed = await fetch(`${ctx.server.url}/api/v1/kpis/${id}/values`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ value: 1200 }),
  });
  expect(pushed.status).toBe(201);
  await page.locator('.kpi-latest', { hasText: /^1,200 users/ }).waitFor();
  await fed.locator('.current', { hasText: '1,200 users / 1,500 users' }).waitFor();

  // A pull from a port nobody listens on: its error shows, the value stays.
  await page.getByRole('textbox', { name: 'URL' }).fill('http://127.0.0.1:9/stats.json');
  await page.getByLabel('JSON Pointer to the number').fill('/wau');
  await page.getByRole('button', { name: 'Save the pull' }).click();
  await page.getByText('The pull is saved; it runs within seconds.').waitFor();
  const error = page.locator('dd.form-error');
  for (let attempt = 0; attempt < 30 && (await error.count()) === 0; attempt++) {
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByRole('heading', { name: 'Weekly active users', level: 1 }).waitFor();
  }
  await expect(error.textContent()).resolves.toMatch(/1 in a row/);
  await expect(page.locator('.kpi-latest').textContent()).resolves.toMatch(/^1,200 users/);
  expect(await accessibilityProblems(page), 'KPI page').toEqual([]);

  await page.goto('/kpis');
  const row = page.locator('tr', { hasText: 'Weekly active users' });
  await row.getByText('1,200 users').waitFor();
  expect(await accessibilityProblems(page), 'KPI list').toEqual([]);
  expect(problems).toEqual([]);
}, 90_000);

test('a key result is tied to a KPI from its form, says so, and is untied again', async () => {
  const { page, problems } = await openPage(ctx.browser, ctx.server);
  await signIn(page, ctx.server.adminEmail!, 'larkspur-demo');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  const churn = (await asAdmin(ctx.server, 'POST', '/kpis', { name: 'Monthly churn', unit: '%', high: 3 })) as {
    id: string;
  };
  await asAdmin(ctx.server, 'POST', `/kpis/${churn.id}/values`, { value: 4.2 });
  const objectives = (await asAdmin(ctx.server, 'GET', '/objectives?limit=1000')) as Listed;
  const objective = objectives.items.find((o) => o.state === 'active')!;
  await page.goto(`/objectives/${objective.id}`);
  await page.getByRole('heading', { name: objective.title, level: 1 }).waitFor();

  await page.getByRole('button', { name: 'Add key result' }).click();
  await page.getByLabel('Key result', { exact: true }).fill('Bring monthly churn from 4.2% down to 2%');
  await page.getByLabel('Start').fill('4.2');
  await page.getByLabel('Target').fill('2');
  await page.getByLabel('Unit').fill('%');
  await page.getByLabel('Values come from').selectOption({ label: 'The KPI Monthly churn' });
  await page.getByText("Each new value of the KPI becomes this key result's check-in").waitFor();
  await page.getByRole('button', { name: 'Save key result' }).click();

  // It takes the KPI's latest value at once, names its KPI, and takes no check-in by hand.
  const row = page.locator('li.key-result', { hasText: 'Bring monthly churn' });
  await row.locator('.current', { hasText: '4.2% / 2%' }).waitFor();
  await row.locator('.fed-by').getByRole('link', { name: 'Monthly churn' }).waitFor();
  expect(await row.getByRole('button', { name: /Check in/ }).count()).toBe(0);
  await row.getByRole('button', { name: /^History of/ }).click();
  await row.getByText('from the KPI Monthly churn').waitFor();
  expect(await accessibilityProblems(page), 'a KPI-fed key result').toEqual([]);

  // Untied, its owners check in on it again.
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByLabel('Values come from').selectOption({ label: 'Check-ins by its owners' });
  await row.getByRole('button', { name: 'Save' }).click();
  await row.getByRole('button', { name: /Check in/ }).waitFor();
  expect(await row.locator('.fed-by').count()).toBe(0);

  // The demo's uptime key result follows its Uptime KPI, whose page lists it.
  await row.locator('.fed-by').waitFor({ state: 'detached' });
  const uptime = (await asAdmin(ctx.server, 'GET', '/kpis?limit=100')) as { items: Array<{ id: string; name: string }> };
  const kpi = uptime.items.find((k) => k.name === 'Uptime')!;
  await page.goto(`/kpis/${kpi.id}`);
  await page.locator('li.key-result', { hasText: 'Raise uptime from 99.5% to 99.95%' }).waitFor();
  expect(problems).toEqual([]);
}, 90_000);
