import type { AccessRule } from './access-rule';

type Constructor = abstract new (...args: never[]) => unknown;

const typeRules = new Map<Function, AccessRule<never>>();
const fieldRules = new Map<Function, Map<string, AccessRule<never>>>();
const operationRules = new Map<Function, Map<string, AccessRule>>();

/**
 * Declares who may read a GraphQL object type (on the class: the default for its fields) or one field (on the
 * property, overriding the default). A type without a class-level rule is denied entirely: deny by default.
 * Guarded fields must be nullable, because a hidden value reads as `null` with a FORBIDDEN error at its path.
 */
export function ReadableBy<Row>(rule: AccessRule<Row>) {
  return (target: object, propertyKey?: string | symbol): void => {
    if (propertyKey === undefined) {
      typeRules.set(target as Function, rule as AccessRule<never>);
      return;
    }
    const owner = (target as { constructor: Function }).constructor;
    const rules = fieldRules.get(owner) ?? new Map<string, AccessRule<never>>();
    rules.set(String(propertyKey), rule as AccessRule<never>);
    fieldRules.set(owner, rules);
  };
}

/** Declares who may call a query, mutation or subscription. An operation without one is denied. */
export function Allow(rule: AccessRule) {
  return (target: object, methodName: string | symbol): void => {
    const owner = (target as { constructor: Function }).constructor;
    const rules = operationRules.get(owner) ?? new Map<string, AccessRule>();
    rules.set(String(methodName), rule);
    operationRules.set(owner, rules);
  };
}

export function typeRuleOf(type: Function): AccessRule<never> | undefined {
  return typeRules.get(type);
}

/** Field rules declared on a class, keyed by property name. */
export function fieldRulesOf(type: Function): ReadonlyMap<string, AccessRule<never>> {
  return fieldRules.get(type) ?? new Map();
}

export function fieldRuleOf<Row>(type: Constructor, property: string): AccessRule<Row> | undefined {
  return fieldRules.get(type)?.get(property) as AccessRule<Row> | undefined;
}

export function operationRuleOf(resolverClass: Function, methodName: string): AccessRule | undefined {
  return operationRules.get(resolverClass)?.get(methodName);
}
