import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe, expect } from "vitest";

/** Debian's Chromium: the tests never download a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const installed = existsSync(CHROMIUM_PATH);
const inCi = process.env.CI === "true";

if (!installed && !inCi) {
  console.warn(
    `Skipping the browser tests: there is no Chromium at ${CHROMIUM_PATH} (install Debian's package: apt-get install chromium). With CI=true they fail instead.`,
  );
}

/**
 * `describe` for tests that drive Chromium: skipped (with the warning
 * above) where it is not installed, except under CI=true, where they run
 * and fail with {@link launchBrowser}'s message.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (installed || inCi) describe(name, body);
  else describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  if (!installed) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}, which is not installed: run "apt-get install chromium". (Under CI=true they fail rather than skip.)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ["--no-sandbox"] });
}

const RESULTS_DIR = fileURLToPath(new URL("../../test-results/", import.meta.url));
const DOCS_IMAGES = fileURLToPath(new URL("../../../../docs/images/", import.meta.url));

/** Saves what the browser showed when a test failed, to test-results/ (gitignored). */
export async function screenshotFailure(page: Page, testName: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = `${testName
    .replace(/[^a-z0-9]+/gi, "-")
    .toLowerCase()
    .slice(0, 80)}.png`;
  await page.screenshot({ path: `${RESULTS_DIR}${file}`, fullPage: true }).catch(() => undefined);
}

/** Saves a page for the docs: docs/images/checkout.png or docs/images/admin.png. */
export async function screenshotForDocs(page: Page, name: "checkout" | "admin"): Promise<void> {
  await mkdir(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: `${DOCS_IMAGES}${name}.png`, fullPage: true });
}

/** The page's status region (role="status") comes to match `expected`, as a screen reader would hear it. */
export async function expectStatus(page: Page, expected: RegExp, timeout = 30_000): Promise<void> {
  await expect
    .poll(() => page.getByRole("status").first().textContent(), { timeout, interval: 200 })
    .toMatch(expected);
}
