import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors/request-errors';

/**
 * A path parameter that must be a UUID: anything else answers 400 REQUEST.VALIDATION_FAILED naming
 * the parameter, as a malformed body field does (Nest's own pipe would answer REQUEST.BAD_REQUEST).
 */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationFailedError([{ path: name, message: `${name} must be a UUID` }]),
    }),
  );
