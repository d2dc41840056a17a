import { ControlPlaneDatabase } from '../../src/platform/database/control-plane-database';
import { AuthTestWorld, cookieLogin } from '../support/auth-fixtures';

describe('DB_LOGGING: SQL statements are logged, their parameters never', () => {
  let world: AuthTestWorld;

  beforeAll(async () => {
    world = await AuthTestWorld.start({ DB_LOGGING: 'true', LOG_LEVEL: 'info' });
  });
  afterAll(() => world.cleanUp());

  const sqlRecords = () =>
    world.api.logs.records().filter((record) => String(record.msg ?? '').startsWith('sql statement'));

  it('logs the statements that create a user and log in, without the password hash or the email', async () => {
    const user = await world.createUser(null, ['platform_admin']);
    await cookieLogin(world.server, user);
    const rows: { password_hash: string }[] = await world
      .get(ControlPlaneDatabase)
      .dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.user.id]);

    const inserts = sqlRecords().filter((record) => String(record.sql).includes('INSERT INTO users'));
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts[0].parameterCount).toBeGreaterThan(0);
    const logged = world.api.logs.text;
    expect(logged).not.toContain(rows[0].password_hash);
    expect(logged).not.toContain(user.password);
    expect(logged).not.toContain(user.email);
  });

  it('logs a failed statement with its error, without its parameters', async () => {
    const database = world.get(ControlPlaneDatabase).dataSource;
    await expect(database.query('SELECT $1::int AS n', ['not-a-number-s3cret'])).rejects.toThrow();
    const failed = sqlRecords().find((record) => record.msg === 'sql statement failed');
    expect(failed).toMatchObject({ sql: 'SELECT $1::int AS n', parameterCount: 1 });
    expect(world.api.logs.text).not.toContain('not-a-number-s3cret');
  });
});
