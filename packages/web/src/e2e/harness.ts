import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerHandle, startServer } from '@sightline/server';
import { tempDir } from '@sightline/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The built web app the server serves (made by `npm run build -w @sightline/web`, which `npm ci` runs). */
export const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** Chromium from Debian (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** A running server on a temp workspace plus a headless browser. */
export interface Workbench {
  server: ServerHandle;
  browser: Browser;
  origin: string;
  /** The workspace folder the server holds (files/, sightline.json...). */
  workspaceDir: string;
  /** The built app's folder. */
  dist: string;
  /** Runs SQL through the API with the token (setup data, check results). */
  sql(sql: string): Promise<Record<string, unknown>[]>;
  /** A new page at 1280x800 opened with the token link, in the given theme. */
  open(theme?: 'light' | 'dark'): Promise<Page>;
  close(): Promise<void>;
}

/** Fails with a clear message when the app is not built or Chromium is missing (nothing is skipped silently). */
export function assertPrerequisites(): void {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `The web app is not built (${DIST}/index.html is missing). Run: npm run build -w @sightline/web`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Run: apt-get install -y chromium`);
  }
}

/** Starts the real server on a fresh workspace serving the built app, and Chromium. */
export async function startWorkbench(): Promise<Workbench> {
  assertPrerequisites();
  const dir = tempDir('sightline-web-e2e-');
  const server = await startServer({ workspaceDir: dir.path, staticDir: DIST, log: () => undefined });
  const origin = new URL(server.url).origin;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const sql = async (text: string) => {
    const res = await fetch(`${origin}/api/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: text, format: 'json' }),
    });
    const body = (await res.json()) as { rows?: Record<string, unknown>[]; error?: { message: string } };
    if (!res.ok) throw new Error(`SQL failed: ${body.error?.message ?? res.status}`);
    return body.rows ?? [];
  };
  return {
    server,
    browser,
    origin,
    workspaceDir: dir.path,
    dist: DIST,
    sql,
    async open(theme = 'light') {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: theme,
        acceptDownloads: true,
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole('navigation', { name: 'Data catalog' }).waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      dir.cleanup();
    },
  };
}
