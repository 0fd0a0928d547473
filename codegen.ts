import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * How the API's custom scalars travel in JSON: money and percentages as decimal strings (never floats), dates as
 * ISO strings. Client teams copy this map (README, "Typed clients"); `strictScalars` makes a new scalar without an
 * entry here fail codegen instead of typing as `unknown`.
 */
export const SCALARS = {
  Decimal: 'string',
  DateTimeISO: 'string',
  LocalDate: 'string',
  EmailAddress: 'string',
  JSONObject: 'Record<string, unknown>',
};

/**
 * Typed documents from schema/schema.graphql. tests/gql/ types the API tests' documents; client teams can point
 * the same preset at their own documents to get a typed client.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'tests/gql/': {
      documents: ['tests/graphql/**/*.ts'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, strictScalars: true, scalars: SCALARS },
    },
    // The dashboard's result and variable types, which its plain JavaScript names in JSDoc (dashboard/tsconfig.json
    // checks it).
    'dashboard/gql/operations.ts': {
      documents: ['dashboard/queries/*.graphql'],
      plugins: ['typescript-operations'],
      config: { enumsAsTypes: true, strictScalars: true, scalars: SCALARS },
    },
  },
};

export default config;
