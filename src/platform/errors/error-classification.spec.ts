import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { classifyError } from './error-classification';
import { MalformedJsonError, RequestTimeoutError, ValidationFailedError } from './request-errors';

/** A step that could not finish for an outage, as a use case raises it (TENANT.SUSPENSION_UNFINISHED, say). */
class StepUnfinishedError extends DomainError {
  readonly code = 'TENANT.SUSPENSION_UNFINISHED';
  constructor(cause: unknown) {
    super('suspended, sessions not yet revoked', { tenantStatus: 'suspended' }, { cause });
  }
}

describe('error classification', () => {
  it('maps a domain error through the code table and keeps its details', () => {
    const error = new ValidationFailedError([{ path: 'email', message: 'must be an email' }]);
    expect(classifyError(error)).toMatchObject({
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      expected: true,
      extensions: { errors: [{ path: 'email', message: 'must be an email' }] },
    });
  });

  it('names the outage behind a domain error raised for a step that could not finish, for the log', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    expect(classifyError(new StepUnfinishedError(cause))).toMatchObject({
      status: 503,
      code: 'TENANT.SUSPENSION_UNFINISHED',
      expected: true,
      extensions: { tenantStatus: 'suspended' },
      outage: 'connect ECONNREFUSED 127.0.0.1:6379',
    });
    expect(classifyError(new MalformedJsonError())).not.toHaveProperty('outage');
  });

  it('follows the causes to what was unavailable, or to the innermost message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    const failedClosed = Object.assign(new Error('Sessions cannot be checked'), { cause: refused });
    expect(classifyError(new StepUnfinishedError(failedClosed)).outage).toBe(
      'connect ECONNREFUSED 127.0.0.1:6379',
    );
    const timedOut = Object.assign(new Error('Sessions cannot be checked'), {
      cause: new Error('no answer within 1000 ms'),
    });
    expect(classifyError(new StepUnfinishedError(timedOut)).outage).toBe('no answer within 1000 ms');
  });

  it.each([
    [new MalformedJsonError(), 400, 'REQUEST.MALFORMED_JSON'],
    [new RequestTimeoutError(100), 503, 'REQUEST.TIMEOUT'],
    [new NotFoundException('Cannot GET /x'), 404, 'ROUTE.NOT_FOUND'],
    [new PayloadTooLargeException(), 413, 'REQUEST.PAYLOAD_TOO_LARGE'],
    [new BadRequestException(['a', 'b']), 400, 'REQUEST.BAD_REQUEST'],
  ])('classifies %p as %i %s', (error, status, code) => {
    expect(classifyError(error)).toMatchObject({ status, code, expected: true });
  });

  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a connection exception', withCode('connection failure', '08006')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect', new Error('timeout exceeded when trying to connect')],
    [
      'a query whose connection went away',
      new QueryFailedError('SELECT 1', [], withCode('terminating connection', '57P01')),
    ],
  ])('answers %s with 503 SERVICE.UNAVAILABLE, an outage rather than a bug', (_label, error) => {
    expect(classifyError(error)).toMatchObject({
      status: 503,
      code: 'SERVICE.UNAVAILABLE',
      expected: true,
      outage: error.message,
    });
  });

  it('treats anything else as an unexpected 500', () => {
    expect(classifyError(new TypeError('x is undefined'))).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'x is undefined',
      expected: false,
    });
    expect(classifyError('a thrown string')).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22003', 'bigint out of range'],
    ['22P02', 'invalid input syntax for type bigint: "1e+21"'],
  ])(
    'answers 400 when PostgreSQL refuses a request value (SQLSTATE %s), without its message',
    (sqlState, message) => {
      const driverError = Object.assign(new Error(message), { code: sqlState });
      const classified = classifyError(new QueryFailedError('SELECT $1', ['x'], driverError));
      expect(classified).toMatchObject({
        status: 400,
        code: 'REQUEST.INVALID_VALUE',
        expected: true,
        rejectedBy: sqlState,
      });
      expect(classified.message).not.toContain(message);
    },
  );

  it.each([
    [
      '23514',
      'new row for relation "api_keys" violates check constraint "api_keys_name_check"',
      400,
      'REQUEST.INVALID_VALUE',
    ],
    ['23502', 'null value in column "name" violates not-null constraint', 400, 'REQUEST.INVALID_VALUE'],
    ['23505', 'duplicate key value violates unique constraint "users_email_key"', 409, 'REQUEST.CONFLICT'],
    ['23503', 'insert or update on table "users" violates foreign key constraint', 409, 'REQUEST.CONFLICT'],
  ])(
    'answers an integrity violation (SQLSTATE %s) as a client error, without its message',
    (sqlState, message, status, code) => {
      const driverError = Object.assign(new Error(message), { code: sqlState });
      const classified = classifyError(new QueryFailedError('INSERT ...', ['x'], driverError));
      expect(classified).toMatchObject({ status, code, expected: true, rejectedBy: sqlState });
      expect(classified.message).not.toContain(message);
    },
  );

  it('keeps other database failures unexpected 500s', () => {
    const driverError = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    expect(classifyError(new QueryFailedError('SELECT 1', [], driverError))).toMatchObject({
      status: 500,
      code: 'INTERNAL',
      expected: false,
    });
  });
});
