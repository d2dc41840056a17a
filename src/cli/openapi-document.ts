import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { environmentSchema } from '../platform/config/environment.schema';
import { buildOpenApiDocument } from '../platform/http/openapi';

/**
 * The OpenAPI document as committed in docs/openapi.json: generated from the controllers and DTOs
 * of AppModule, with every object's keys sorted so the text depends only on the code (not on the
 * order modules happen to be imported or decorators evaluated), and a final newline.
 *
 * The app is created but never initialized, so no database or Redis connection is opened.
 */
export async function generateOpenApiJson(): Promise<{ json: string; document: OpenAPIObject }> {
  return withDefaultConfiguration(async () => {
    const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    try {
      const document = buildOpenApiDocument(app);
      return { json: canonicalJson(document), document };
    } finally {
      await app.close();
    }
  });
}

/**
 * The document must not depend on who generates it: every configuration variable is blanked
 * (an empty value means "use the default", and keeps a .env file from filling it in) while the
 * app is built, then restored.
 */
async function withDefaultConfiguration<T>(work: () => Promise<T>): Promise<T> {
  const names = Object.keys(environmentSchema.shape);
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) process.env[name] = '';
  try {
    return await work();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
