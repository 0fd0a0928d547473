import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ASTNode, type GraphQLError, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { ErrorCode } from '../errors';

/** One entry of `extensions.fields`: graphql-js's own messages are given as they are (in English). */
interface FieldProblem {
  path: string;
  message: string;
}

/** Where `$variable` is used: the argument's path (`input`, `input.lines.0`), the first use if several. */
function argumentPathOf(operation: OperationDefinitionNode | undefined, variable: string): string | null {
  if (operation === undefined) return null;
  const inValue = (value: ValueNode, path: string): string | null => {
    if (value.kind === Kind.VARIABLE) return value.name.value === variable ? path : null;
    if (value.kind === Kind.LIST) {
      for (const [index, item] of value.values.entries()) {
        const found = inValue(item, `${path}.${index}`);
        if (found !== null) return found;
      }
    }
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        const found = inValue(field.value, `${path}.${field.name.value}`);
        if (found !== null) return found;
      }
    }
    return null;
  };
  let found: string | null = null;
  visit(operation, {
    Argument(node) {
      found ??= inValue(node.value, node.name.value);
    },
  });
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The problem a variable-coercion error describes, e.g. `Variable "$input" got invalid value -1 at
 * "input.lines[0].quantity"; …` → `{ path: "input.lines.0.quantity", message: "…" }` when `$input` is the `input`
 * argument.
 */
function variableProblem(error: GraphQLError, operation: OperationDefinitionNode | undefined): FieldProblem | null {
  const node = error.nodes?.[0] as ASTNode | undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return null;
  const variable = node.variable.name.value;
  const base = argumentPathOf(operation, variable) ?? variable;
  const at = new RegExp(` at "${escape(variable)}((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"; (.*)$`, 's').exec(error.message);
  if (at === null) return { path: base, message: error.message };
  const rest = at[1].replace(/\[(\d+)\]/g, '.$1');
  return { path: `${base}${rest}`, message: at[2] };
}

/** graphql-js's own argument errors at execution (a `null` variable for a non-null argument with a default, …). */
const ARGUMENT_ERROR = /^Argument "([_A-Za-z][_0-9A-Za-z]*)" (?:of (?:required|non-null) type .*|has invalid value .*)$/s;

/**
 * Every BAD_USER_INPUT names its fields: graphql-js refuses values that do not fit their type (a string for an Int,
 * an unknown enum value, a malformed date or decimal) before any resolver runs, with the path only inside its
 * message. This adds `extensions.fields` (as `UserInputError` has it) from the message and the operation, and gives
 * graphql-js's argument errors at execution, which carry no code at all, BAD_USER_INPUT too.
 */
export function inputErrorPaths(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operation }) {
          for (const error of errors) {
            const extensions = error.extensions as Record<string, unknown>;
            if (extensions.fields !== undefined) continue;
            if (extensions.code === ErrorCode.BAD_USER_INPUT) {
              const problem = variableProblem(error, operation ?? undefined);
              if (problem !== null) extensions.fields = [problem];
            } else if (extensions.code === undefined) {
              const argument = ARGUMENT_ERROR.exec(error.message);
              if (argument !== null) {
                extensions.code = ErrorCode.BAD_USER_INPUT;
                extensions.fields = [{ path: argument[1], message: error.message }];
              }
            }
          }
        },
      };
    },
  };
}
