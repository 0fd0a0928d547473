import { getMetadataStorage, type ValidationError } from 'class-validator';
import { isMessageId, msg, nested, type Message, type MessageValue } from '../i18n';

/** What a failed class-validator constraint says: its subject (the property, or "each value in" it) and arguments. */
type ConstraintMessage = (subject: MessageValue, args: readonly unknown[], value: unknown) => Message;

/** class-validator prints an array argument as a comma-separated list. */
const arg = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value));

/**
 * The messages of the class-validator decorators the input types use, worded as class-validator words them in
 * English, with their Chinese in the catalogue. A decorator not listed here fails the catalogue test.
 */
export const CONSTRAINT_MESSAGES: Readonly<Record<string, ConstraintMessage>> = {
  min: (property, [min]) => msg('{{property}} must not be less than {{min}}', { property, min: arg(min) }),
  max: (property, [max]) => msg('{{property}} must not be greater than {{max}}', { property, max: arg(max) }),
  arrayMinSize: (property, [min]) => msg('{{property}} must contain at least {{min}} elements', { property, min: arg(min) }),
  arrayMaxSize: (property, [max]) => msg('{{property}} must contain no more than {{max}} elements', { property, max: arg(max) }),
  minLength: (property, [min]) => msg('{{property}} must be longer than or equal to {{min}} characters', { property, min: arg(min) }),
  maxLength: (property, [max]) => msg('{{property}} must be shorter than or equal to {{max}} characters', { property, max: arg(max) }),
  isLength: (property, [min, max], value) =>
    typeof value === 'string' && value.length < Number(min)
      ? msg('{{property}} must be longer than or equal to {{min}} characters', { property, min: arg(min) })
      : msg('{{property}} must be shorter than or equal to {{max}} characters', { property, max: arg(max) }),
  isUuid: (property) => msg('{{property}} must be a UUID', { property }),
  isEmail: (property) => msg('{{property}} must be an email', { property }),
  isUrl: (property) => msg('{{property}} must be a URL address', { property }),
  // The pattern itself means nothing to a reader; the field's description says what it takes.
  matches: (property) => msg('{{property}} is not in the form this field takes', { property }),
  isIn: (property, [values]) => msg('{{property}} must be one of the following values: {{values}}', { property, values: arg(values) }),
};

/** The decorator behind a failed constraint, found in class-validator's metadata by property and constraint name. */
function metadataOf(error: ValidationError, constraint: string) {
  const target = error.target?.constructor;
  if (target === undefined) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((metadata) => metadata.propertyName === error.property && metadata.name === constraint);
}

/**
 * The message of one failed constraint, to be translated: a custom message of the decorator when the catalogue has
 * it, otherwise class-validator's own wording rebuilt from the decorator's arguments.
 */
export function constraintMessage(error: ValidationError, constraint: string): Message {
  const metadata = metadataOf(error, constraint);
  if (typeof metadata?.message === 'string' && isMessageId(metadata.message)) return { id: metadata.message, values: {} };
  const build = CONSTRAINT_MESSAGES[constraint];
  if (build === undefined) return msg('is not valid ({{constraint}})', { constraint });
  const subject: MessageValue = metadata?.each ? msg('each value in {{property}}', { property: error.property }) : error.property;
  return build(subject, metadata?.constraints ?? [], error.value);
}

/** The messages of every failed constraint of one property, as one. */
export function constraintsMessage(error: ValidationError): Message | undefined {
  const messages = Object.keys(error.constraints ?? {}).map((constraint) => constraintMessage(error, constraint));
  return messages.reduce<Message | undefined>((joined, next) => (joined === undefined ? next : msg('{{first}}; {{second}}', { first: nested(joined), second: nested(next) })), undefined);
}
