import type { GraphQLFormattedError } from 'graphql';

/** One invalid input value as the API names it (`extensions.fields`). */
export interface FieldProblemShape {
  path: string;
  message: string;
}

/**
 * The one error of a response, for assertions: its code, reason and message, the field a module error names
 * (`field`), the invalid fields (`fields`) and just their paths (`paths`). Fails the test when the response has no
 * error or more than one.
 */
export function errorOf(errors: readonly GraphQLFormattedError[] | undefined) {
  expect(errors).toHaveLength(1);
  const [error] = errors!;
  const fields = error.extensions?.fields as FieldProblemShape[] | undefined;
  return {
    code: error.extensions?.code,
    reason: error.extensions?.reason,
    message: error.message,
    field: error.extensions?.field,
    fields,
    paths: fields?.map((field) => field.path),
  };
}
