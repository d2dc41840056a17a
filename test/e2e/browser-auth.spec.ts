import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { AuthTestWorld, credentialsOf, TestUser } from '../support/auth-fixtures';
import { StaticOrigin } from '../support/auth-static-origin';

jest.setTimeout(120_000);

const CHROMIUM = '/usr/bin/chromium';

interface FetchResult {
  status: number;
  body: Record<string, unknown> | null;
  error?: string;
}

/** fetch() run inside the page, with the browser's own cookie, CORS and SameSite rules. */
function browserFetch(
  page: Page,
  url: string,
  init: { method?: string; json?: unknown; csrf?: string; form?: boolean; noCors?: boolean } = {},
): Promise<FetchResult> {
  return page.evaluate(
    async ({ url, init }) => {
      const headers: Record<string, string> = {};
      let body: FormData | string | undefined;
      if (init.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(init.json);
      }
      if (init.form) {
        const form = new FormData();
        form.append('name', 'forged');
        form.append('roles', 'tenant_admin');
        body = form;
      }
      if (init.csrf) headers['X-CSRF-Token'] = init.csrf;
      try {
        const response = await fetch(url, {
          method: init.method ?? 'GET',
          credentials: 'include',
          mode: init.noCors ? 'no-cors' : 'cors',
          headers,
          body,
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null };
      } catch (error) {
        return { status: -1, body: null, error: String(error) };
      }
    },
    { url, init },
  );
}

describe('a real browser (Chromium) against the API', () => {
  let world: AuthTestWorld;
  let spa: StaticOrigin;
  let crossSite: StaticOrigin;
  let sameSiteForeign: StaticOrigin;
  let browser: Browser;
  let api: string;
  let admin: TestUser;

  beforeAll(async () => {
    // Fail loudly rather than skip: scripts/services.sh installs Debian's chromium.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`);
    spa = await StaticOrigin.start('127.0.0.1', 'finrecon SPA');
    crossSite = await StaticOrigin.start('localhost', 'another site');
    sameSiteForeign = await StaticOrigin.start('127.0.0.1', 'same host, other port');
    world = await AuthTestWorld.start({ CORS_ORIGINS: spa.origin });
    await world.api.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(world.api.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await world.createUser(await world.provisionTenant(), ['tenant_admin']);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cleanUp();
    await Promise.all([spa, crossSite, sameSiteForeign].map((origin) => origin?.close()));
  });

  it('signs in from the allowed origin, keeps tokens in HttpOnly cookies, sends them, and enforces CSRF', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(spa.origin);

    const login = await browserFetch(page, `${api}/auth/login`, {
      method: 'POST',
      json: credentialsOf(admin),
    });
    expect(login.status).toBe(200);
    const csrfToken = String(login.body?.csrfToken);

    // The cookies are set in the browser with the attributes we asked for...
    const cookies = await context.cookies();
    const byName = Object.fromEntries(cookies.map((cookie) => [cookie.name, cookie]));
    expect(byName['__Host-finrecon-access']).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(byName['__Host-finrecon-csrf']).toMatchObject({
      httpOnly: false,
      secure: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(byName['__Secure-finrecon-refresh']).toMatchObject({ httpOnly: true, path: '/auth/refresh' });
    // ...and the page's script cannot read the tokens.
    const visibleToScript = await page.evaluate(
      () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
    );
    expect(visibleToScript).not.toContain('finrecon-access');
    expect(visibleToScript).not.toContain('finrecon-refresh');

    // The browser sends the access cookie on its own.
    const me = await browserFetch(page, `${api}/auth/me`);
    expect(me).toMatchObject({ status: 200, body: { id: admin.user.id, via: 'cookie' } });

    // A state-changing call without the CSRF token is refused; with it, it succeeds.
    const withoutCsrf = await browserFetch(page, `${api}/api-keys`, {
      method: 'POST',
      json: { name: 'spa', roles: ['viewer'] },
    });
    expect(withoutCsrf).toMatchObject({ status: 403, body: { code: 'AUTH.CSRF_REJECTED' } });
    const withCsrf = await browserFetch(page, `${api}/api-keys`, {
      method: 'POST',
      json: { name: 'spa', roles: ['viewer'] },
      csrf: csrfToken,
    });
    expect(withCsrf.status).toBe(201);

    // The refresh cookie is sent to the refresh route only and rotates the session.
    const refreshed = await browserFetch(page, `${api}/auth/refresh`, { method: 'POST', csrf: csrfToken });
    expect(refreshed.status).toBe(200);
    expect((await browserFetch(page, `${api}/auth/me`)).status).toBe(200);
    await context.close();
  });

  it('gives a page on another site no authenticated access (SameSite=Strict + CORS)', async () => {
    const context = await browser.newContext();
    const victim = await context.newPage();
    await victim.goto(spa.origin);
    const login = await browserFetch(victim, `${api}/auth/login`, {
      method: 'POST',
      json: credentialsOf(admin),
    });
    expect(login.status).toBe(200);
    const keysBefore = await listKeys(victim, api);

    const attacker = await context.newPage();
    await attacker.goto(crossSite.origin);
    // Reading: the CORS check fails, the script gets nothing.
    const read = await browserFetch(attacker, `${api}/auth/me`);
    expect(read.status).toBe(-1);
    // Writing with a "simple" request the browser sends without preflight: no cookie goes along.
    await browserFetch(attacker, `${api}/api-keys`, { method: 'POST', form: true, noCors: true });
    // The page cannot see the answer (opaque); the API's request log shows what arrived.
    expect(await arrivedFrom(world, crossSite.origin)).toEqual({ status: 401, cookieSent: false });
    expect(await listKeys(victim, api)).toEqual(keysBefore);
    await context.close();
  });

  it('gives a page on the same host but an unlisted origin no authenticated writes (Origin + CSRF checks)', async () => {
    const context = await browser.newContext();
    const victim = await context.newPage();
    await victim.goto(spa.origin);
    const login = await browserFetch(victim, `${api}/auth/login`, {
      method: 'POST',
      json: credentialsOf(admin),
    });
    expect(login.status).toBe(200);
    const keysBefore = await listKeys(victim, api);

    const attacker = await context.newPage();
    await attacker.goto(sameSiteForeign.origin);
    expect((await browserFetch(attacker, `${api}/auth/me`)).status).toBe(-1);
    // Same site, so SameSite lets the cookie through here: the Origin allow-list stops it.
    await browserFetch(attacker, `${api}/api-keys`, { method: 'POST', form: true, noCors: true });
    expect(await arrivedFrom(world, sameSiteForeign.origin)).toEqual({ status: 403, cookieSent: true });
    expect(await listKeys(victim, api)).toEqual(keysBefore);
    await context.close();
  });
});

/** The keys the signed-in victim can list: an attack that created one would show here. */
async function listKeys(page: Page, api: string): Promise<string[]> {
  const listed = await browserFetch(page, `${api}/api-keys`);
  if (listed.status !== 200 || !Array.isArray(listed.body))
    throw new Error(`cannot list keys: ${listed.status}`);
  return (listed.body as { id: string }[]).map((key) => key.id).sort();
}

/**
 * The forged POST /api-keys as the API logged it (pino-http, credentials redacted): its status and
 * whether the browser attached the session cookie.
 */
async function arrivedFrom(
  world: AuthTestWorld,
  origin: string,
): Promise<{ status: number; cookieSent: boolean }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const line = world.api.logs.records().find((record) => {
      const req = record.req as
        { method?: string; url?: string; headers?: Record<string, unknown> } | undefined;
      return req?.method === 'POST' && req.url === '/api-keys' && req.headers?.origin === origin;
    });
    if (line) {
      const req = line.req as { headers: Record<string, unknown> };
      return {
        status: (line.res as { statusCode: number }).statusCode,
        cookieSent: req.headers.cookie !== undefined,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no POST /api-keys from ${origin} reached the API`);
}
