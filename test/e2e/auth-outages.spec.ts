import request from 'supertest';
import {
  ALLOWED_ORIGIN,
  AuthTestWorld,
  cookieLogin,
  credentialsOf,
  setCookiesOf,
  TestUser,
} from '../support/auth-fixtures';
import { TcpProxy } from '../support/tcp-proxy';

jest.setTimeout(60_000);

/**
 * The control-plane database going away is an outage, not a bug and not a refusal: the API answers
 * 503 SERVICE.UNAVAILABLE (so clients retry), and a cookie session survives it.
 */
describe('sign-in while the control-plane database is away', () => {
  const databaseUrl = process.env.DATABASE_URL as string;
  const proxy = TcpProxy.inFrontOf(databaseUrl);
  let world: AuthTestWorld;
  let user: TestUser;
  let away = false;

  beforeAll(async () => {
    await proxy.start();
    world = await AuthTestWorld.start({
      DATABASE_URL: proxy.through(databaseUrl),
      DB_CONNECT_RETRY_BASE_MS: '50',
    });
    user = await world.createUser(await world.provisionTenant(), ['viewer']);
  });
  afterAll(async () => {
    if (away) await proxy.start();
    await world.cleanUp();
    await proxy.cut();
  });

  const refresh = (session: { cookie: string; csrfToken: string }) =>
    request(world.server)
      .post('/auth/refresh')
      .set('Cookie', session.cookie)
      .set('Origin', ALLOWED_ORIGIN)
      .set('X-CSRF-Token', session.csrfToken);

  it('answers 503 SERVICE.UNAVAILABLE, keeps the session cookies, and works again once it is back', async () => {
    const session = await cookieLogin(world.server, user);
    await proxy.cut();
    away = true;

    const login = await request(world.server)
      .post('/auth/login')
      .set('Origin', ALLOWED_ORIGIN)
      .send(credentialsOf(user));
    expect(login.status).toBe(503);
    expect(login.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });

    const refused = await refresh(session);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    expect(setCookiesOf(refused.headers)).toEqual([]);

    await proxy.start();
    away = false;
    const again = await refresh(session);
    expect(again.status).toBe(200);
  });
});
