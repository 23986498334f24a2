// Screenshots of the main pages, compared with the stored ones in
// e2e/screenshots/ with a tolerance (pixelmatch). Run with
// UPDATE_SCREENSHOTS=1 after a deliberate change: it stores new ones, and
// writes them unmasked to docs/screenshots/ for the user documentation.
// Without it, a missing stored screenshot fails the test.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import pixelmatch from 'pixelmatch';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';

const stored = resolve('e2e/screenshots');
const docs = resolve('../docs/screenshots');
const results = resolve('test-results');

// At most this share of pixels may differ (anti-aliasing, the expected-pace
// marker moving a pixel as days pass); masked areas (dates) do not count.
const tolerance = 0.01;

export async function compareScreenshot(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  // The documentation shows the page as it is; the comparison hides what
  // follows the clock.
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: join(docs, `${name}.png`), fullPage: true, animations: 'disabled' });
  }
  const actual = await page.screenshot({ fullPage: true, mask, animations: 'disabled' });
  mkdirSync(results, { recursive: true });
  const actualFile = join(results, `${name}.png`);
  writeFileSync(actualFile, actual);
  const expectedFile = join(stored, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(dirname(expectedFile), { recursive: true });
    copyFileSync(actualFile, expectedFile);
  }
  if (!existsSync(expectedFile)) {
    throw new Error(`no stored screenshot ${expectedFile}: run with UPDATE_SCREENSHOTS=1 and look at it`);
  }
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(readFileSync(expectedFile));
  if (a.width !== e.width || a.height !== e.height) {
    throw new Error(`${name}: ${a.width}×${a.height}, stored ${e.width}×${e.height} (see ${actualFile})`);
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, e.data, diff.data, a.width, a.height, { threshold: 0.15 });
  const share = differing / (a.width * a.height);
  if (share > tolerance) {
    const diffFile = join(results, `${name}.diff.png`);
    writeFileSync(diffFile, PNG.sync.write(diff));
    throw new Error(`${name}: ${(share * 100).toFixed(2)}% of pixels differ (see ${diffFile})`);
  }
}
