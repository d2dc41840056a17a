import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { FieldViolation, ValidationFailedError } from '../errors/request-errors';

/** DTO validation: unknown fields are refused, every bad field is reported with its path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values are kept on the errors only to tell a missing field; they never reach the answer.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailedError(flattenViolations(errors)),
  });
}

/** Rules about a value's type: when one fails, the rules about its size or form say nothing true. */
const TYPE_RULES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/**
 * One violation per broken rule, with the field's full path. A required field that is missing gets
 * one `is required`, one sent as null one `must not be null`, and one of the wrong type only what
 * its type should be, instead of a message for each rule it would have had to meet.
 */
export function flattenViolations(errors: ValidationError[], parentPath = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const constraints = error.constraints;
    if (constraints && 'value' in error && error.value === undefined)
      return [{ path, message: `${error.property} is required` }];
    if (constraints && 'value' in error && error.value === null)
      return [{ path, message: `${error.property} must not be null` }];
    const rules = Object.entries(constraints ?? {});
    const typeRules = rules.filter(([rule]) => TYPE_RULES.has(rule));
    const own = (typeRules.length > 0 ? typeRules : rules).map(([, message]) => ({ path, message }));
    return [...own, ...flattenViolations(error.children ?? [], path)];
  });
}

/**
 * An optional field that may be left out but not sent as null: `IsOptional` would let null through,
 * to be read as false or as absent (`dryRun: null` ran a real migration).
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * Validates a text field as it will be stored: `normalize` runs before the field's rules (a name of
 * spaces is no name once trimmed; an email can grow when lower-cased). Other types pass unchanged,
 * for the rules to refuse.
 */
export function CheckedAsStored(normalize: (text: string) => string): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalize(value) : value));
}

/**
 * A text field checked by a domain rule (`check` throws a DomainError to refuse it), so that the API
 * refuses it like any other field, REQUEST.VALIDATION_FAILED at its path, in the rule's own words,
 * rather than with the rule's error code once validation has passed. `alsoRequire` adds the API's
 * stricter form (an address as IsEmail reads it, say) under the same single message. Values that
 * are not text are left to IsString.
 */
export function FollowsDomainRule(
  check: (text: string) => unknown,
  alsoRequire?: { test: (text: string) => boolean; message: string },
): PropertyDecorator {
  return ValidateBy({
    name: 'domainRule',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || (refusalOf(check, value) === null && (alsoRequire?.test(value) ?? true)),
      defaultMessage: (args?: ValidationArguments) =>
        refusalOf(check, String(args?.value)) ?? alsoRequire?.message ?? `${args?.property} is not valid`,
    },
  });
}

/** The message of the DomainError `check` throws for `text`, or null when it accepts it. */
function refusalOf(check: (text: string) => unknown, text: string): string | null {
  try {
    check(text);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}
