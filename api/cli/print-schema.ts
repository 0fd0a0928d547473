import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../schema';

/** `npm run schema:print`: rewrites schema/schema.graphql from the code. */
async function main(): Promise<void> {
  const file = path.resolve('schema/schema.graphql');
  writeFileSync(file, printAppSchema(await buildAppSchema()));
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
