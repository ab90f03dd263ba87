/**
 * A real browser for the participant app's end-to-end tests: Debian's chromium driven by
 * playwright-core, with a fresh profile per launch, plus helpers to sign in, check accessibility
 * with axe-core, and take screenshots.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');
const AXE_SCRIPT = join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors (console.error, uncaught exceptions). */
  errors: string[];
  close(): Promise<void>;
}

/** A persistent context on a fresh user-data dir: nothing carries over from an earlier run. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ipg-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? DESKTOP,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    // axe-core is injected as a script tag; the app's CSP (no inline script) would block it.
    bypassCSP: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the sign-in form, as a person would, and waits for the start screen's heading:
 * the course overview by default; an admin's is 'Deelnemers en coaches'.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, startHeading = 'Introductie Positieve Gezondheid'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: startHeading }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page (or frame) as it is now. */
export async function axeViolations(page: Page | Frame): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The statements waiting in a person's outbox in this browser: every tab keeps its own queue
 * under `ipg.outbox.<userId>.tab.<tabId>` (functions/web/tab-storage.ts); a queue from before
 * that sits under `ipg.outbox.<userId>` itself.
 */
export async function outboxStatements<T = { id: string }>(page: Page, userId: string): Promise<T[]> {
  return page.evaluate((prefix) => {
    const statements: unknown[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key !== prefix && !key?.startsWith(`${prefix}.tab.`)) continue;
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown[] | { value: unknown[] } | null;
      statements.push(...(Array.isArray(stored) ? stored : (stored?.value ?? [])));
    }
    return statements;
  }, `ipg.outbox.${userId}`) as Promise<T[]>;
}
