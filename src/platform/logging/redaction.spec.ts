import pino from 'pino';
import { REDACTED_PATHS, loggableError, redactUrl } from './redaction';

describe('redactUrl', () => {
  it('masks credential-like query values and keeps the rest', () => {
    expect(redactUrl('/a?token=abc&page=2&api_key=k&code=123')).toBe(
      '/a?token=%5BRedacted%5D&page=2&api_key=%5BRedacted%5D&code=%5BRedacted%5D',
    );
  });

  it('leaves a URL without a query untouched', () => {
    expect(redactUrl('/health/ready')).toBe('/health/ready');
  });
});

describe('REDACTED_PATHS', () => {
  function logged(object: Record<string, unknown>): string {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: REDACTED_PATHS, censor: '[Redacted]' } },
      { write: (line: string) => void lines.push(line) },
    );
    logger.info(object, 'message');
    return lines.join('');
  }

  it('masks secret fields at the top level and up to two levels down (a logged DTO or body)', () => {
    const secrets = ['pw-1', 'refresh-2', 'token-3', 'key-4', 'new-pw-5', 'csrf-6'];
    const line = logged({
      password: secrets[0],
      body: { refreshToken: secrets[1], token: secrets[2] },
      request: { body: { apiKey: secrets[3], newPassword: secrets[4], csrfToken: secrets[5] } },
      email: 'ada@example.test',
    });
    for (const secret of secrets) expect(line).not.toContain(secret);
    expect(line).toContain('ada@example.test');
  });

  it('masks credential headers of the request and Set-Cookie of the response', () => {
    const line = logged({
      req: {
        headers: {
          authorization: 'Bearer abc.def',
          cookie: 'sid=cookie-value',
          'x-api-key': 'api-key-value',
          'x-csrf-token': 'csrf-value',
        },
      },
      res: { headers: { 'set-cookie': ['sid=set-cookie-value; HttpOnly'] } },
    });
    for (const secret of ['abc.def', 'cookie-value', 'api-key-value', 'csrf-value', 'set-cookie-value']) {
      expect(line).not.toContain(secret);
    }
  });
});

describe('loggableError', () => {
  it('keeps the type, message, SQLSTATE and stack of a failed query, never its parameters', () => {
    const failed = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      code: '23505',
      query: 'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      parameters: ['ada@example.test', '$argon2id$v=19$m=19456,t=2,p=1$secret-hash'],
      driverError: { parameters: ['$argon2id$secret-hash'] },
    });
    const logged = loggableError(failed);
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint',
      code: '23505',
    });
    expect(JSON.stringify(logged)).not.toMatch(/argon2id|ada@example|INSERT/);
  });

  it('withholds the whole message of a data exception (class 22), which may quote a value anywhere, from the stack too', () => {
    for (const message of [
      'invalid input syntax for type integer: "pw-s3cret"',
      'value "9999s3cret" is out of range for type integer',
      'ungültige Eingabesyntax für Typ integer: »s3cret«',
    ]) {
      const logged = loggableError(Object.assign(new Error(message), { code: '22P02' }));
      expect(logged.message).toBe(
        'data exception (SQLSTATE 22P02); the message is withheld, it may quote a value',
      );
      expect(logged.stack).toMatch(/^Error: data exception \(SQLSTATE 22P02\)[^\n]*\n\s+at /);
      expect(JSON.stringify(logged)).not.toContain('s3cret');
    }
  });

  it('withholds a value another database error quotes at the end of its message', () => {
    const failed = Object.assign(new Error('some check failed for value: "pw-\\"quoted\\" s3cret"'), {
      code: '23514',
    });
    const logged = loggableError(failed);
    expect(logged.message).toBe('some check failed for value: [value withheld]');
    expect(JSON.stringify(logged)).not.toContain('s3cret');
  });

  it('keeps quoted names in other errors and in database messages that do not end with a value', () => {
    const constraint = Object.assign(
      new Error('duplicate key value violates unique constraint "users_email_key"'),
      {
        code: '23505',
      },
    );
    expect(loggableError(constraint).message).toBe(constraint.message);
    const file = Object.assign(new Error('cannot open: "/tmp/x"'), { code: 'ENOENT' });
    expect(loggableError(file).message).toBe('cannot open: "/tmp/x"');
  });

  it('keeps its type when pino writes it under `error`', () => {
    const lines: string[] = [];
    const logger = pino({}, { write: (line: string) => void lines.push(line) });
    logger.error({ error: loggableError(new RangeError('out of range')) }, 'failed');
    expect(JSON.parse(lines[0]).error).toMatchObject({ type: 'RangeError', message: 'out of range' });
  });

  it('writes a thrown value that is not an error as text', () => {
    expect(loggableError('a thrown string')).toEqual({ type: 'string', message: 'a thrown string' });
  });
});
