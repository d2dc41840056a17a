import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from '../platform/http/openapi';

/**
 * `npm run openapi`: writes docs/openapi.json from the controllers and DTOs. The app is created
 * but never initialized, so no database or Redis connection is opened.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  const document = buildOpenApiDocument(app);
  await mkdir('docs', { recursive: true });
  await writeFile('docs/openapi.json', `${JSON.stringify(document, null, 2)}\n`);
  console.log(`docs/openapi.json: ${Object.keys(document.paths).length} paths`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`openapi generation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
