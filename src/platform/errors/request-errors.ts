import { DomainError } from './domain-error';

export interface FieldViolation {
  path: string;
  message: string;
}

export class ValidationFailedError extends DomainError {
  readonly code = 'REQUEST.VALIDATION_FAILED';
  constructor(readonly violations: FieldViolation[]) {
    super(`${new Set(violations.map((violation) => violation.path)).size} field(s) are invalid`, {
      errors: violations,
    });
  }
}

export class RequestTimeoutError extends DomainError {
  readonly code = 'REQUEST.TIMEOUT';
  constructor(timeoutMs: number) {
    super(`The request did not complete within ${timeoutMs} ms`);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
  constructor(contentType: string | undefined, allowed: readonly string[]) {
    super(`Content type ${contentType ?? '(none)'} is not accepted here; send ${allowed.join(' or ')}`);
  }
}

export class UnauthorizedMetricsError extends DomainError {
  readonly code = 'AUTH.UNAUTHENTICATED';
  constructor() {
    super('A valid bearer token is required');
  }
}

export class MalformedJsonError extends DomainError {
  readonly code = 'REQUEST.MALFORMED_JSON';
  constructor() {
    super('The request body is not valid JSON, or not a JSON object or array');
  }
}

export class TooDeeplyNestedJsonError extends DomainError {
  readonly code = 'REQUEST.MALFORMED_JSON';
  constructor(maxDepth: number) {
    super(`The request body nests objects or arrays deeper than ${maxDepth} levels`, { maxDepth });
  }
}

export class IllFormedTextError extends DomainError {
  readonly code = 'REQUEST.MALFORMED_JSON';
  constructor() {
    super(
      'The request body holds a string with an unpaired UTF-16 surrogate (such as \\ud800): text must be well-formed Unicode',
    );
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'REQUEST.PAYLOAD_TOO_LARGE';
  constructor(limitBytes: number) {
    super(`The request body is larger than the ${limitBytes} bytes this endpoint accepts`, { limitBytes });
  }
}

export class UnreadableBodyError extends DomainError {
  readonly code = 'REQUEST.BAD_REQUEST';
  constructor() {
    super('The request body could not be read (unsupported encoding, charset or an aborted upload)');
  }
}
