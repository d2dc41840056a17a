import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldViolation, ValidationFailedError } from '../errors/request-errors';

/** DTO validation: unknown fields are refused, every bad field is reported with its path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenViolations(errors)),
  });
}

export function flattenViolations(errors: ValidationError[], parentPath = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenViolations(error.children ?? [], path)];
  });
}
