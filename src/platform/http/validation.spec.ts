import { ValidationError } from '@nestjs/common';
import { flattenViolations } from './validation';

describe('flattenViolations', () => {
  it('reports nested and array fields with their full path', () => {
    const child: ValidationError = {
      property: 'city',
      constraints: { minLength: 'city is too short' },
      children: [],
    };
    const line: ValidationError = {
      property: '0',
      children: [{ property: 'quantity', constraints: { min: 'quantity must be positive' }, children: [] }],
    };
    const errors: ValidationError[] = [
      { property: 'address', children: [child] },
      { property: 'lines', children: [line] },
      {
        property: 'email',
        constraints: { isEmail: 'email must be an email', isNotEmpty: 'email is empty' },
        children: [],
      },
    ];
    expect(flattenViolations(errors)).toEqual([
      { path: 'address.city', message: 'city is too short' },
      { path: 'lines.0.quantity', message: 'quantity must be positive' },
      { path: 'email', message: 'email must be an email' },
      { path: 'email', message: 'email is empty' },
    ]);
  });

  it('reports a missing required field once, whatever rules it has', () => {
    const errors: ValidationError[] = [
      {
        property: 'email',
        value: undefined,
        constraints: {
          isEmail: 'email must be an email',
          maxLength: 'email must be shorter than 254 characters',
        },
        children: [],
      },
      {
        property: 'password',
        value: null,
        constraints: { isString: 'password must be a string' },
        children: [],
      },
    ];
    expect(flattenViolations(errors)).toEqual([
      { path: 'email', message: 'email is required' },
      { path: 'password', message: 'password must not be null' },
    ]);
  });

  it('reports a field sent as null once, and of the wrong type only what its type should be', () => {
    const errors: ValidationError[] = [
      {
        property: 'dryRun',
        value: null,
        constraints: { isBoolean: 'dryRun must be a boolean value' },
        children: [],
      },
      {
        property: 'roles',
        value: 'platform_admin',
        constraints: {
          isArray: 'roles must be an array',
          arrayMinSize: 'roles must contain at least 1 elements',
          arrayMaxSize: 'roles must contain no more than 5 elements',
        },
        children: [],
      },
    ];
    expect(flattenViolations(errors)).toEqual([
      { path: 'dryRun', message: 'dryRun must not be null' },
      { path: 'roles', message: 'roles must be an array' },
    ]);
  });
});
