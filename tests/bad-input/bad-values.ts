import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { columnMax, DECIMAL, DECIMAL_ARGUMENTS, TEXT, TEXT_ARGUMENTS, type DecimalKind, type TextKind } from '../../api/validation';
import { dayAfter, type Actor, type Baseline, type Fixtures } from './baselines';

/**
 * What a case must get back, besides what every case must (no 5xx, a code on every error, a path on every
 * BAD_USER_INPUT, no table changed): `input` — BAD_USER_INPUT naming `path` (or the object or value around it);
 * `refused` — some coded error; `safe` — nothing more (a filter on an unknown id simply finds nothing).
 */
export type Expectation = { kind: 'input'; path: string } | { kind: 'refused' } | { kind: 'safe' };

export interface Case {
  name: string;
  operation: 'query' | 'mutation';
  field: string;
  as: Actor;
  /** The variables sent: one per declared argument; a declared argument left out here is "not provided". */
  variables: Record<string, unknown>;
  declared: string[];
  /** Adds an argument the field does not have. */
  unknownArgument?: boolean;
  expect: Expectation;
}

/** A value the generator puts somewhere, and what the API must answer. */
interface BadValue {
  label: string;
  value: unknown;
  expect: 'input' | 'refused' | 'safe';
}

/** What the policy declares for a place: the kinds of text and decimals it holds. */
interface Policy {
  text?: TextKind;
  decimal?: DecimalKind;
}

const UNKNOWN_ID = '6f1c0e9a-8d7b-4c3e-9f2a-0b1c2d3e4f5a';
const base64 = (json: string) => Buffer.from(json).toString('base64url');

function policyOfField(field: GraphQLInputField): Policy {
  return (field.extensions?.inputPolicy as Policy | undefined) ?? {};
}

function policyOfArgument(name: string): Policy {
  return { text: TEXT_ARGUMENTS[name], decimal: DECIMAL_ARGUMENTS[name] };
}

function textKindOf(typeName: string, policy: Policy): TextKind {
  if (policy.text !== undefined) return policy.text;
  if (typeName === 'ID') return 'id';
  if (typeName === 'EmailAddress') return 'email';
  return 'text';
}

/** A plain valid value of `type`, for required places a baseline leaves out. */
function validValue(type: GraphQLInputType, policy: Policy, f: Fixtures): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, policy, f);
  if (isListType(type)) return [validValue(type.ofType, policy, f)];
  if (isInputObjectType(type)) return fillRequired(type.getFields(), {}, f);
  if (isEnumType(type)) return type.getValues()[0].value;
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Decimal':
      return '1.00';
    case 'LocalDate':
      return f.today;
    case 'DateTimeISO':
      return `${dayAfter(f.today, 1)}T00:00:00.000Z`;
    case 'EmailAddress':
      return 'corpus@example.com';
    case 'ID':
      return UNKNOWN_ID;
    default: {
      const kind = textKindOf(type.name, policy);
      if (kind === 'currency') return 'CNY';
      if (kind === 'email') return 'corpus@example.com';
      return '语料';
    }
  }
}

/** `given` with every required field (non-null, no default) it lacks filled in. */
function fillRequired(fields: Record<string, GraphQLInputField>, given: Record<string, unknown>, f: Fixtures): Record<string, unknown> {
  const filled = { ...given };
  for (const field of Object.values(fields)) {
    if (filled[field.name] === undefined && isNonNullType(field.type) && field.defaultValue === undefined) {
      filled[field.name] = validValue(field.type, policyOfField(field), f);
    }
  }
  return filled;
}

function badLeafValues(typeName: string, policy: Policy, required: boolean, place: { argument: string | null; operation: string; isVersion: boolean }): BadValue[] {
  const values: BadValue[] = [];
  const add = (label: string, value: unknown, expect: BadValue['expect'] = 'input') => values.push({ label, value, expect });
  const mutation = place.operation === 'mutation';
  switch (typeName) {
    case 'String':
    case 'ID':
    case 'EmailAddress': {
      const kind = textKindOf(typeName, policy);
      const rule = TEXT[kind];
      add('a NUL byte', 'a\u0000b');
      add('a control character (BEL)', 'a\u0007b');
      if (!('multiline' in rule)) add('a line break in one-line text', 'a\nb');
      add('an unpaired UTF-16 surrogate', 'a\ud800');
      add('U+FFFD from a broken encoding', 'a\ufffd');
      add(`${rule.maxLength + 1} characters (the limit is ${rule.maxLength})`, '字'.repeat(rule.maxLength + 1));
      if (!('verbatim' in rule)) {
        add('spaces only', '   ');
        add('zero-width characters only', '\u200b\u200c\u200d\ufeff');
        if (required || 'visible' in rule || typeName === 'ID') add('an empty string', '');
      }
      add('a number instead of text', typeName === 'ID' ? true : 42);
      if ('oneOf' in rule) add('a currency the company does not trade in', 'ZZZ');
      if (typeName === 'ID') {
        add('not a uuid', 'customer-1');
        add('an id that exists nowhere', UNKNOWN_ID, mutation ? 'refused' : 'safe');
      }
      if (typeName === 'EmailAddress') add('not an e-mail address', 'not-an-email');
      if (kind === 'cursor') {
        const ours = place.argument === 'after' && place.operation === 'query';
        const expect = ours ? 'input' : 'refused';
        add('a cursor that is not base64 JSON', '!!not a cursor!!', expect);
        add('a cursor with values of the wrong types', base64('["x","y"]'), expect);
        add('a cursor with too few values', base64('[1]'), expect);
        add('a cursor that is not a list', base64('{"id":1}'), expect);
        add('a cursor of nulls', base64('[null,null]'), expect);
        // Well-typed where the list is sorted by a text column: it must merely not reach the database as a date.
        add('a cursor with a year-10000 date', base64(`["+010000-01-01T00:00:00.000Z","${UNKNOWN_ID}"]`), 'safe');
        add('a cursor with year 0000', base64(`["0000-01-01T00:00:00.000Z","${UNKNOWN_ID}"]`), expect);
      }
      break;
    }
    case 'Int':
      add('text instead of a number', 'seven');
      add('a fraction', 1.5);
      add('a number beyond 32 bits', 2147483648);
      add('the largest Int', 2147483647, place.isVersion ? 'refused' : 'input');
      add('a negative number', -1, place.isVersion ? 'refused' : 'input');
      break;
    case 'Decimal': {
      const rule = DECIMAL[policy.decimal ?? 'money'];
      add('not a number', 'abc');
      add('scientific notation', '1e3');
      add('15 integer digits (more than numeric(14,2) holds)', '999999999999999');
      add('three decimals', '1.001');
      add('a negative amount', '-1');
      if (rule.max.lessThan(columnMax(rule.column))) add(`above the bound of ${rule.max.toFixed()}`, rule.max.plus('0.01').toFixed(2));
      add('a boolean', true);
      break;
    }
    case 'LocalDate':
      add('year 0000', '0000-01-01');
      add('year 10000', '10000-01-01');
      add('before 1900', '1899-12-31');
      add('30 February', '2026-02-30');
      add('words', 'next week');
      add('a number', 20260101);
      break;
    case 'DateTimeISO':
      add('year 0000', '0000-01-01T00:00:00.000Z');
      add('year 10000', '+010000-01-01T00:00:00.000Z');
      add('before 1900', '1899-12-31T23:59:59.000Z');
      add('words', 'next week');
      break;
    case 'Boolean':
      add('text', 'yes');
      add('a number', 1);
      break;
    default:
      break;
  }
  return values;
}

/**
 * Every case for one operation, generated from its arguments in the built schema: for each argument and each field
 * of its input types, values of the wrong type, out of range, too long, with NUL, control characters, unpaired
 * surrogates, invisible text, impossible dates, malformed cursors, unknown enum values and ids, null and missing
 * required values; then the baseline sent by someone outside its records, with a stale version and with an unknown
 * argument.
 */
export function casesFor(schema: GraphQLSchema, coordinate: string, baseline: Baseline, f: Fixtures): Case[] {
  const [typeName, fieldName] = coordinate.split('.');
  const operation = typeName === 'Mutation' ? 'mutation' : 'query';
  const root = operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  const field: GraphQLField<unknown, unknown> | undefined = root.getFields()[fieldName];
  if (field === undefined) throw new Error(`${coordinate} is not in the schema`);
  const given = baseline.args(f);
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (given[arg.name] !== undefined) variables[arg.name] = given[arg.name];
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) variables[arg.name] = validValue(arg.type, policyOfArgument(arg.name), f);
  }
  const cases: Case[] = [];
  const make = (name: string, changed: Record<string, unknown>, declared: string[], expect: Expectation, as: Actor = baseline.as): Case => ({
    name: `${coordinate} ${name}`,
    operation,
    field: fieldName,
    as,
    variables: changed,
    declared,
    expect,
  });
  const declaredWith = (names: string[]) => field.args.map((arg) => arg.name).filter((name) => names.includes(name));

  /** Walks one place (an argument or a field inside one), with `set` putting a value there in a copy of the variables. */
  const walk = (type: GraphQLInputType, path: string, policy: Policy, current: unknown, set: (value: unknown) => Record<string, unknown>, place: { argument: string | null }) => {
    const expectAt = (kind: BadValue['expect']): Expectation => (kind === 'input' ? { kind: 'input', path } : { kind });
    const emit = (label: string, value: unknown, expect: BadValue['expect']) => {
      const changed = set(value);
      cases.push(make(`${path}: ${label}`, changed, declaredWith(Object.keys(changed).concat(place.argument === null ? [] : [place.argument])), expectAt(expect)));
    };
    let required = false;
    let inner = type;
    if (isNonNullType(inner)) {
      required = true;
      inner = inner.ofType;
      emit('null where a value is required', null, 'input');
    }
    if (isListType(inner)) {
      const itemType = inner.ofType;
      const list = Array.isArray(current) && current.length > 0 ? current : [validValue(itemType, policy, f)];
      if (isNonNullType(itemType)) emit('a null item', [...list, null], 'input');
      walk(itemType, `${path}.0`, policy, list[0], (value) => set([value, ...list.slice(1)]), { argument: null });
      return;
    }
    if (isInputObjectType(inner)) {
      const object = fillRequired(inner.getFields(), (current as Record<string, unknown> | undefined) ?? {}, f);
      emit('text instead of an object', 'not an object', 'input');
      emit('a field the type does not have', { ...object, noSuchField: 1 }, 'input');
      for (const child of Object.values(inner.getFields())) {
        const childPath = `${path}.${child.name}`;
        if (isNonNullType(child.type) && child.defaultValue === undefined) {
          const { [child.name]: _left, ...rest } = object;
          cases.push(make(`${childPath}: left out though required`, set(rest), declaredWith(Object.keys(set(rest))), { kind: 'input', path: childPath }));
        }
        walk(child.type, childPath, policyOfField(child), object[child.name], (value) => set({ ...object, [child.name]: value }), { argument: null });
      }
      return;
    }
    if (isEnumType(inner)) {
      emit('a value the enum does not have', 'NO_SUCH_VALUE', 'input');
      emit('a value in the wrong case', inner.getValues()[0].name.toLowerCase(), 'input');
      return;
    }
    const isVersion = place.argument === 'version';
    for (const bad of badLeafValues(getNamedType(inner).name, policy, required, { argument: place.argument, operation, isVersion })) emit(bad.label, bad.value, bad.expect);
  };

  for (const arg of field.args as readonly GraphQLArgument[]) {
    const set = (value: unknown) => ({ ...variables, [arg.name]: value });
    walk(arg.type, arg.name, policyOfArgument(arg.name), variables[arg.name], set, { argument: arg.name });
    if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      const { [arg.name]: _left, ...rest } = variables;
      cases.push(make(`${arg.name}: not provided though required`, rest, declaredWith(Object.keys(variables)), { kind: 'input', path: arg.name }));
    }
  }

  const all = declaredWith(Object.keys(variables));
  // A mutation or a single record asked for by id must be refused to an outsider; a list just comes back without it.
  const refusedOrSafe: Expectation = operation === 'mutation' || 'id' in variables ? { kind: 'refused' } : { kind: 'safe' };
  if (baseline.outsider !== undefined) cases.push(make(`as ${baseline.outsider}, outside the records it names`, variables, all, refusedOrSafe, baseline.outsider));
  if (typeof variables.version === 'number') {
    cases.push(make('with a stale version', { ...variables, version: Math.max(0, variables.version - 1) }, all, { kind: 'refused' }));
  }
  cases.push({ ...make('with an argument it does not have', variables, all, { kind: 'refused' }), unknownArgument: true });
  return cases;
}

/** The GraphQL document of a case: each declared argument as a variable of its own type. */
export function documentOf(schema: GraphQLSchema, testCase: Case): string {
  const root = testCase.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  const field = root.getFields()[testCase.field];
  const args = field.args.filter((arg) => testCase.declared.includes(arg.name));
  const definitions = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`);
  const uses = args.map((arg) => `${arg.name}: $${arg.name}`);
  if (testCase.unknownArgument) uses.push('noSuchArgument: 1');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const variables = definitions.length > 0 ? `(${definitions.join(', ')})` : '';
  const call = uses.length > 0 ? `(${uses.join(', ')})` : '';
  return `${testCase.operation} BadInput${variables} { ${testCase.field}${call}${selection} }`;
}
