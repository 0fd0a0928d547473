import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from schema/schema.graphql. tests/gql/ types the API tests' documents; client teams can point
 * the same preset at their own documents to get a typed client.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['tests/graphql/**/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    'tests/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', LocalDate: 'string', EmailAddress: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
