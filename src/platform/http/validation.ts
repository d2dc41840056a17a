import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
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

/**
 * Validates a text field as it will be stored: `normalize` runs before the field's rules (a name of
 * spaces is no name once trimmed; an email can grow when lower-cased). Other types pass unchanged,
 * for the rules to refuse.
 */
export function CheckedAsStored(normalize: (text: string) => string): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalize(value) : value));
}
