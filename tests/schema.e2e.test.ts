import { execFileSync } from 'node:child_process';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../api/schema';
import { collectPolicy } from '../api/permissions/shield';
import { migrationsList } from '../migrations';
import { createTestApp } from './support/test-app';

const root = path.resolve(__dirname, '..');

describe('the schema as a checked-in artifact', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('schema/schema.graphql is what the code builds (run `npm run schema:print` after changing the API)', () => {
    const checkedIn = readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');
    expect(checkedIn).toBe(printAppSchema(schema));
  });

  it('tests/gql is what codegen makes of the checked-in schema and documents (run `npm run codegen`)', () => {
    // Codegen's CLI is ESM underneath, which jest's CommonJS runtime can't load: generate in a plain node process,
    // in memory, and compare.
    const script = `
      const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');
      loadCodegenConfig({ configFilePath: 'codegen.ts' })
        .then(({ config }) => generate({ ...config, cwd: process.cwd(), silent: true }, false))
        .then((outputs) => process.stdout.write(JSON.stringify(outputs)));`;
    const outputs = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(path.resolve(root, output.filename), 'utf8')).toBe(output.content);
    }
  });

  it('every operation and every object type declares who may use it (nothing falls through to deny by accident)', () => {
    const policy = collectPolicy(schema);
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
      if (['Query', 'Mutation', 'Subscription'].includes(type.name)) {
        for (const field of Object.keys(type.getFields())) {
          if (!policy.fields.some((e) => e.typeName === type.name && e.fieldName === field)) undeclared.push(`${type.name}.${field}`);
        }
      } else if (!policy.types.has(type.name)) {
        undeclared.push(type.name);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('guarded fields are nullable, so a hidden value can read as null', () => {
    const policy = collectPolicy(schema);
    const nonNullGuarded = policy.fields
      .filter((e) => !['Query', 'Mutation', 'Subscription'].includes(e.typeName))
      .filter((e) => {
        const type = schema.getType(e.typeName) as GraphQLObjectType;
        return type.getFields()[e.fieldName].type.toString().endsWith('!');
      })
      .map((e) => `${e.typeName}.${e.fieldName}`);
    expect(nonNullGuarded).toEqual([]);
  });

  it('migrations are listed in the order of their timestamps, the order they were written in', () => {
    const names = migrationsList.map((migration) => migration.name);
    expect(names).toEqual([...names].sort());
  });

  it('the migrations build exactly the tables the entities describe (run `npm run migration:create` when not)', async () => {
    const app = await createTestApp();
    try {
      expect(await app.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await app.close();
    }
  });

  it('the SDL says who may read each guarded field', () => {
    const sdl = printAppSchema(schema);
    expect(sdl).toMatch(/Readable by: the user, the heads of the org units above them/);
  });
});
