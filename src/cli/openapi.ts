import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { generateOpenApiJson } from './openapi-document';

/**
 * `npm run openapi` (after `npm run build`): writes docs/openapi.json from the controllers and
 * DTOs, byte-for-byte reproducible; test/e2e/metrics-and-docs.spec.ts fails while it is stale.
 */
async function main(): Promise<void> {
  const { json, document } = await generateOpenApiJson();
  await mkdir('docs', { recursive: true });
  await writeFile('docs/openapi.json', json);
  console.log(`docs/openapi.json: ${Object.keys(document.paths).length} paths`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`openapi generation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
