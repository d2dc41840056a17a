import { SetMetadata } from '@nestjs/common';

export const LONG_OPERATION = 'finrecon:long-operation';

/**
 * How long an operator's operation (migrating every tenant, a backup or restore of a large tenant)
 * may run inside its request. REQUEST_TIMEOUT_MS suits ordinary requests; these would otherwise
 * answer 503 while the work went on, and the client would lose its report or the backup's name.
 */
export const LONG_OPERATION_TIMEOUT_MS = 10 * 60_000;

/** Marks a handler as a long operation: it gets LONG_OPERATION_TIMEOUT_MS instead of REQUEST_TIMEOUT_MS. */
export const LongOperation = (): MethodDecorator => SetMetadata(LONG_OPERATION, true);
