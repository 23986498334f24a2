// Starts the real cairn binary on a free port with a fresh database, and a
// Chromium that fails the test on any console error, page error or failed
// request (a CSP violation is a console error, so it fails too).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const require = createRequire(import.meta.url);

export const binary = resolve(process.env.CAIRN_BINARY ?? '../build/release/src/cli/cairn');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface Server {
  url: string;
  adminEmail: string | null;
  token: string | null;
  stop: () => Promise<void>;
}

// `cairn serve` on port 0; resolves once it prints its listening line.
// `database` names an existing store (else a fresh one is made).
// `fixedNow` (RFC 3339) stops the server's clock there (CAIRN_FIXED_NOW), so
// that the demo, built relative to "now", looks the same whenever it runs.
export async function startServer(options: { demo: boolean; database?: string; fixedNow?: string }): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-'));
  const args = ['serve', '--listen', '127.0.0.1:0', '--database', options.database ?? join(dir, 'cairn.db')];
  if (options.demo) args.push('--demo');
  const env = { ...process.env, ...(options.fixedNow ? { CAIRN_FIXED_NOW: options.fixedNow } : {}) };
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`cairn did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    });
    child.on('exit', (code) => fail(new Error(`cairn exited with ${code}: ${err}`)));
  });
  return {
    url,
    adminEmail: /sign in as (\S+) with/.exec(out)?.[1] ?? null,
    token: /Bearer (\S+?)'/.exec(out)?.[1] ?? null,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

// A new browser context (its own cookies) whose page records every console
// error, uncaught exception and failed or 5xx request in `problems`. Answers
// a test expects to fail (4xx of the API) are not problems.
export async function openPage(
  browser: Browser,
  server: Server,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    viewport: options.viewport ?? { width: 1200, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The browser logs every 4xx fetch as a console error; the API's 4xx
    // answers are part of the flows under test, so only other errors count.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    // The event stream cut off when the page goes away.
    if (message.text().includes('ERR_INCOMPLETE_CHUNKED_ENCODING')) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Requests cancelled because the test navigated away are not failures.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (request.url().endsWith('/api/v1/events')) return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { context, page, problems };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Calls the API with the demo's token (for arranging what a test needs).
export async function asAdmin(server: Server, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Gives a person of the demo (only its admin has a password) one to sign in with.
export async function setPassword(server: Server, email: string, password: string): Promise<void> {
  const people = (await asAdmin(server, 'GET', '/people?limit=1000')) as { items: Array<{ id: string; email: string }> };
  const person = people.items.find((p) => p.email === email)!;
  await asAdmin(server, 'PATCH', `/people/${person.id}`, { password });
}

// Calls the API as someone else, signed in with their password (a session
// cookie and its CSRF token), e.g. to mention the demo's admin.
export async function asPerson(
  server: Server,
  who: { email: string; password: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!login.ok) throw new Error(`sign-in of ${who.email}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Cookie: cookie, 'X-CSRF-Token': csrf_token, 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// One server (fresh, or the demo) and one browser for a test file, started
// before its tests and stopped after; `arrange` prepares the server's data.
export function suite(options: {
  demo: boolean;
  fixedNow?: string;
  arrange?: (server: Server) => Promise<void>;
}): {
  server: Server;
  browser: Browser;
} {
  const state = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    state.server = await startServer({ demo: options.demo, fixedNow: options.fixedNow });
    state.browser = await startBrowser();
    await options.arrange?.(state.server);
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });
  return state;
}

// Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is, and returns
// the serious and critical violations, one line each. axe is evaluated
// through the browser's debugging protocol, not added as a <script>, so the
// page's Content-Security-Policy stays as strict as in production.
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
