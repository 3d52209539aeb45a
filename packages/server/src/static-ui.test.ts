import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, TEST_TOKEN, type TestServer, testServer } from './test-support.js';

describe('without a built web app', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(async () => s.close());

  it('shows a page saying the web app is not built, without the token in it', async () => {
    const res = await s.app.request(`${ORIGIN}/`, { headers: { cookie: `sightline_token=${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The web app is not built yet');
    expect(html).not.toContain(TEST_TOKEN);
  });

  it('needs the token for the page too', async () => {
    expect((await s.app.request(`${ORIGIN}/`)).status).toBe(401);
  });
});

describe('with a built web app', () => {
  const dir = tempDir('sightline-web-');
  let s: TestServer;
  beforeAll(async () => {
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir.path, 'assets', 'app.js'), 'console.log(1)');
    s = await testServer({ staticDir: dir.path });
  });
  afterAll(async () => {
    await s.close();
    dir.cleanup();
  });

  it('serves files and falls back to index.html for app routes, but not for /api', async () => {
    const asset = await s.call('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    const route = await s.call('/workbooks/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toBe('<!doctype html><title>app</title>');
    expect((await s.call('/api/nothing-here')).status).toBe(404);
  });

  it('does not serve files outside the folder', async () => {
    const res = await s.call('/..%2f..%2fetc%2fpasswd');
    expect(await res.text()).not.toContain('root:');
  });
});
