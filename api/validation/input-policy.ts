import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { isUuid } from '../ids';
import { UserInputError, type FieldProblem } from '../errors';
import { msg } from '../i18n';
import { DATE_MAX, DATE_MIN, DECIMAL, DECIMAL_ARGUMENTS, decimalProblem, type DecimalKind } from './number-policy';
import { readText, TEXT, TEXT_ARGUMENTS, type TextKind } from './text-policy';

/** Where a field's kind is kept: the GraphQL input field's `extensions` (never printed in the SDL). */
const POLICY_KEY = 'inputPolicy';

interface FieldPolicy {
  text?: TextKind;
  decimal?: DecimalKind;
}

/** Declares the kind of a text input field (its limits and what is refused, see `TEXT`), beside the field. */
export function TextOf(kind: TextKind): PropertyDecorator {
  return Extensions({ [POLICY_KEY]: { text: kind } satisfies FieldPolicy }) as PropertyDecorator;
}

/** Declares the kind of a `Decimal` input field (its column and bounds, see `DECIMAL`), beside the field. */
export function DecimalOf(kind: DecimalKind): PropertyDecorator {
  return Extensions({ [POLICY_KEY]: { decimal: kind } satisfies FieldPolicy }) as PropertyDecorator;
}

const DATE_RANGE = msg('must be between {{min}} and {{max}}', { min: DATE_MIN, max: DATE_MAX });

/** Reads one value at `path`: returns it (normalized) or records problems. */
type Check = (value: unknown, path: string, problems: FieldProblem[]) => unknown;

function policyOf(extensions: Readonly<Record<string, unknown>> | null | undefined): FieldPolicy {
  return (extensions?.[POLICY_KEY] as FieldPolicy | undefined) ?? {};
}

function argumentPolicy(name: string): FieldPolicy {
  return { text: TEXT_ARGUMENTS[name], decimal: DECIMAL_ARGUMENTS[name] };
}

function textCheck(kind: TextKind, required: boolean, uuid: boolean): Check {
  const rule = TEXT[kind];
  return (value, path, problems) => {
    if (typeof value !== 'string') return value;
    const read = readText(value, rule, required);
    if (!read.ok) {
      problems.push({ path, message: read.message });
      return value;
    }
    if (uuid && !isUuid(read.value)) problems.push({ path, message: 'is not a valid id' });
    return read.value;
  };
}

function leafCheck(typeName: string, policy: FieldPolicy, required: boolean): Check | null {
  switch (typeName) {
    case 'String':
      return textCheck(policy.text ?? 'text', required, false);
    case 'ID':
      return textCheck(policy.text ?? 'id', required, true);
    case 'EmailAddress':
      return textCheck(policy.text ?? 'email', required, false);
    case 'Decimal': {
      const rule = DECIMAL[policy.decimal ?? 'money'];
      return (value, path, problems) => {
        const problem = typeof value === 'string' ? decimalProblem(value, rule) : null;
        if (problem !== null) problems.push({ path, message: problem });
        return value;
      };
    }
    case 'LocalDate':
      return (value, path, problems) => {
        if (typeof value === 'string' && (value < DATE_MIN || value > DATE_MAX)) problems.push({ path, message: DATE_RANGE });
        return value;
      };
    case 'DateTimeISO':
      return (value, path, problems) => {
        const year = value instanceof Date ? value.getUTCFullYear() : null;
        if (year !== null && (year < Number(DATE_MIN.slice(0, 4)) || year > Number(DATE_MAX.slice(0, 4)))) {
          problems.push({ path, message: DATE_RANGE });
        }
        return value;
      };
    default:
      return null;
  }
}

/** The check of a value of `type`, or null when nothing in it is checked (ints, booleans, enums). */
function checkFor(type: GraphQLInputType, policy: FieldPolicy, objects: Map<string, Check | null>, required = false): Check | null {
  if (isNonNullType(type)) return checkFor(type.ofType, policy, objects, true);
  if (isListType(type)) {
    const item = checkFor(type.ofType, policy, objects);
    if (item === null) return null;
    return (value, path, problems) => {
      if (!Array.isArray(value)) return value;
      const items = value.map((entry, index) => (entry === null || entry === undefined ? entry : item(entry, `${path}.${index}`, problems)));
      return items.every((entry, index) => entry === value[index]) ? value : items;
    };
  }
  if (isInputObjectType(type)) {
    if (objects.has(type.name)) return objects.get(type.name)!;
    // Built lazily on first use, so an input type that contains itself does not recurse forever here.
    let fields: [string, Check][] | undefined;
    const check: Check = (value, path, problems) => {
      if (value === null || typeof value !== 'object') return value;
      fields ??= Object.values(type.getFields()).flatMap((field) => {
        const fieldCheck = checkFor(field.type, policyOf(field.extensions), objects);
        return fieldCheck === null ? [] : [[field.name, fieldCheck] as [string, Check]];
      });
      const record = value as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const [name, fieldCheck] of fields) {
        const current = record[name];
        if (current === null || current === undefined) continue;
        const next = fieldCheck(current, `${path}.${name}`, problems);
        if (next !== current) {
          copy ??= { ...record };
          copy[name] = next;
        }
      }
      return copy ?? value;
    };
    objects.set(type.name, check);
    return check;
  }
  return leafCheck(getNamedType(type).name, policy, required);
}

/**
 * The one place every argument is read before its resolver runs: text by the text policy (`TEXT`), decimals by
 * their column and bounds (`DECIMAL`), ids as uuids, dates between 1900 and 9999. All problems of a request are
 * refused at once as BAD_USER_INPUT with their paths (`input.lines.0.quantity`); nothing reaches a service or the
 * database. Only fields with arguments are wrapped, so plain fields keep their cost.
 */
export function applyInputPolicy(schema: GraphQLSchema): void {
  const objects = new Map<string, Check | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checks = field.args.flatMap((arg) => {
        const check = checkFor(arg.type, argumentPolicy(arg.name), objects);
        return check === null ? [] : [[arg.name, check] as [string, Check]];
      });
      if (checks.length === 0) continue;
      const read = (args: Record<string, unknown>): Record<string, unknown> => {
        const problems: FieldProblem[] = [];
        let copy: Record<string, unknown> | undefined;
        for (const [name, check] of checks) {
          const current = args[name];
          if (current === null || current === undefined) continue;
          const next = check(current, name, problems);
          if (next !== current) {
            copy ??= { ...args };
            copy[name] = next;
          }
        }
        if (problems.length > 0) throw new UserInputError(problems);
        return copy ?? args;
      };
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => resolve(source, read(args), context, info);
      const subscribe = field.subscribe;
      if (subscribe !== undefined) field.subscribe = (source, args, context, info) => subscribe(source, read(args), context, info);
    }
  }
}
