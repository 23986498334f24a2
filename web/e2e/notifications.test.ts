// Notifications in the browser: a mention shows on the home page in the
// reader's language and links to its objective; the header's count follows
// the live stream; "mark as read" and "mark all as read"; the settings page,
// reached from the person's menu, switches a kind off on the server.
import { expect, test } from 'vitest';

import { accessibilityProblems, asAdmin, openPage, setPassword, signIn, suite } from './harness';

const ctx = suite({ demo: true, arrange: (server) => setPassword(server, 'kenji@larkspur.example', 'kenji passphrase') });
const kenji = 'kenji@larkspur.example';

async function objectiveId(title: string): Promise<string> {
  const page = (await asAdmin(ctx.server, 'GET', '/objectives?limit=1000')) as { items: Array<{ id: string; title: string }> };
  return page.items.find((o) => o.title.startsWith(title))!.id;
}

// Maya (the demo's admin, through its token) mentions Kenji.
async function mentionKenji(objective: string, body: string): Promise<void> {
  await asAdmin(ctx.server, 'POST', '/comments', { target: { objective_id: objective }, body: `${body} @${kenji}` });
}

test('a mention on the home page, counted live, marked read, in English and German', async () => {
  const objective = await objectiveId('Delight our customers');
  await mentionKenji(objective, 'Can you look at churn before Friday?');
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, kenji, 'kenji passphrase');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();
  const latest = page.getByRole('region', { name: 'Latest notifications' });
  const first = latest.locator('li.notification', { hasText: 'Can you look at churn' });
  await first.waitFor();
  await expect(first.textContent()).resolves.toMatch(/^Unread: Maya Chen mentioned you on “Delight our customers/);
  await expect(first.getAttribute('class')).resolves.toContain('unread');
  await page.getByRole('link', { name: 'Notifications: 1 unread' }).waitFor();
  expect(await accessibilityProblems(page), 'home with notifications').toEqual([]);

  // A new one arrives while the page is open: the count and the list follow.
  await mentionKenji(objective, 'And the NPS survey?');
  await page.getByRole('link', { name: 'Notifications: 2 unread' }).waitFor({ timeout: 5000 });
  await latest.locator('li.notification', { hasText: 'And the NPS survey?' }).waitFor();
  expect(await latest.locator('li.notification.unread').count()).toBe(2);

  // One read, then all.
  await first.getByRole('button', { name: 'Mark as read' }).click();
  await page.getByRole('link', { name: 'Notifications: 1 unread' }).waitFor();
  await expect.poll(() => first.getAttribute('class')).toBe('notification');
  await latest.getByRole('button', { name: 'Mark all as read' }).click();
  await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  await expect.poll(() => latest.locator('li.notification.unread').count()).toBe(0);
  const unread = (await page.evaluate(() =>
    fetch('/api/v1/notifications?unread=true').then((r) => r.json()),
  )) as { items: unknown[] };
  expect(unread.items).toEqual([]);

  // In German, from the same params.
  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('link', { name: 'Benachrichtigungen', exact: true }).click();
  await page.getByRole('heading', { name: 'Benachrichtigungen', level: 1 }).waitFor();
  await page.getByText(/^Maya Chen hat Sie bei „Delight our customers.*“ erwähnt$/).first().waitFor();
  expect(await accessibilityProblems(page), 'notifications page').toEqual([]);
  await page.getByLabel('Sprache').selectOption('en');

  // The message leads to the objective.
  await page.getByRole('link', { name: /^Maya Chen mentioned you on “Delight our customers/ }).first().click();
  await page.getByRole('heading', { name: /^Delight our customers/, level: 1 }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
});

test('the settings page, from the person’s menu, switches mentions off in the app', async () => {
  const objective = await objectiveId('Delight our customers');
  const { page, problems, context } = await openPage(ctx.browser, ctx.server);
  await signIn(page, kenji, 'kenji passphrase');
  await page.getByRole('heading', { name: 'My OKRs' }).waitFor();

  // The menu opens from the keyboard and Escape closes it, back on its button.
  const summary = page.locator('.user-menu summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Notification settings' }).waitFor();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.user-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  await expect(summary.evaluate((s) => s === document.activeElement)).resolves.toBe(true);
  await summary.click();
  await page.getByRole('link', { name: 'Notification settings' }).click();
  await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
  await expect.poll(() => page.locator('.user-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

  // Without SMTP the server offers the app only.
  await page.getByText('This server does not send email').waitFor();
  expect(await page.getByRole('checkbox', { name: /By email/ }).count()).toBe(0);
  const mentions = page.getByRole('checkbox', { name: 'Someone mentions me: In the app' });
  await expect(mentions.isChecked()).resolves.toBe(true);
  await mentions.uncheck();
  await page.getByRole('status').getByText('Saved: Someone mentions me.').waitFor();
  expect(await accessibilityProblems(page), 'notification settings').toEqual([]);

  // The server keeps it: after a reload the box is still off, and a new
  // mention makes no notification.
  const before = (await page.evaluate(() => fetch('/api/v1/notifications').then((r) => r.json()))) as { items: unknown[] };
  await mentionKenji(objective, 'Nobody hears this one.');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Someone mentions me: In the app' }).isChecked()).resolves.toBe(false);
  const after = (await page.evaluate(() => fetch('/api/v1/notifications').then((r) => r.json()))) as { items: unknown[] };
  expect(after.items.length).toBe(before.items.length);
  expect(problems).toEqual([]);
  await context.close();
});
