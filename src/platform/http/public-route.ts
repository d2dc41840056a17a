import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'finrecon:public-route';

/**
 * Marks a controller or handler as reachable without credentials. Everything else is denied to
 * anonymous callers by the global access guard (src/modules/auth/http/access.guard.ts).
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
