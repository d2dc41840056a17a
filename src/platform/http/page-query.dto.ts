import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ListPage } from '../pagination/list-page';

/**
 * A whole number in a query string, written in decimal digits only: `1e2`, `0x10` or a blank are
 * left as text for `IsInt` to refuse, where `Number()` would read them as 100, 16 and 0.
 */
const QueryInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
  );

/** An optional whole-number query parameter between `minimum` and `maximum`. */
const IntegerQueryParameter = (minimum: number, maximum: number, defaultValue: number): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ minimum, maximum, default: defaultValue }),
    IsOptional(),
    QueryInteger(),
    IsInt({ message: `$property must be a whole number from ${minimum} to ${maximum}, in decimal digits` }),
    Min(minimum),
    Max(maximum),
  );

/** `?limit=`: how many items a page holds, at most `maximum`. */
export const PageLimit = (maximum: number, defaultValue: number): PropertyDecorator =>
  IntegerQueryParameter(1, maximum, defaultValue);

/** `?offset=`: how many items to skip. */
export const PageOffset = (): PropertyDecorator => IntegerQueryParameter(0, 1_000_000_000, 0);

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/**
 * `?limit=&offset=` of a list route: a list is read a page at a time (every list grows with a
 * tenant), and any other query parameter is refused.
 */
export class PageQueryDto implements ListPage {
  @PageLimit(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @PageOffset()
  offset: number = 0;
}
