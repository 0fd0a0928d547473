import i18next from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages';
import { ZH_CN } from './zh-CN';

/**
 * A message's id is its English text (as gettext and Lingui do it), so the code reads as the client sees it in
 * English; the Chinese catalogue is keyed by it. Only a text that the catalogue has is a `MessageId`: a message
 * without its Chinese fails type-checking.
 */
export type MessageId = keyof typeof ZH_CN;

/** The `{{name}}` placeholders of a message. */
type Placeholders<Text extends string> = Text extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** A message with no placeholders, usable as it is. */
export type PlainMessageId = { [Id in MessageId]: [Placeholders<Id>] extends [never] ? Id : never }[MessageId];

/** A value put into a message: text that is not translated (a name, a number, a code), or a message that is. */
export type MessageValue = string | number | TemplateMessage;

/** A message with its values, made by `msg`. */
export interface TemplateMessage {
  readonly id: MessageId;
  readonly values: Readonly<Record<string, MessageValue>>;
}

/** What errors carry instead of text: translated for each client where errors are shaped (api/format-error.ts). */
export type Message = PlainMessageId | TemplateMessage;

/**
 * A message with placeholders and its values: the compiler checks that every placeholder gets one. A value that is
 * itself a message (made by `msg`, or `nested` for a plain one) is translated into the same language.
 */
export function msg<Id extends MessageId>(id: Id, values: { readonly [Name in Placeholders<Id>]: MessageValue }): TemplateMessage {
  return { id, values };
}

/** A message as a value of another message. */
export function nested(message: Message): TemplateMessage {
  return typeof message === 'string' ? { id: message, values: {} } : message;
}

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: { en: { translation: {} }, 'zh-CN': { translation: ZH_CN } },
  lng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // English is the source: an English message is its id, with the values put in.
  fallbackLng: false,
  // Ids are sentences, full of dots and colons.
  keySeparator: false,
  nsSeparator: false,
  // The output is JSON, not HTML; values (a team's name) are never read as i18next syntax.
  interpolation: { escapeValue: false, skipOnVariables: true },
});

const translators = new Map(LANGUAGES.map((language) => [language, i18n.getFixedT(language)]));

/** The text of `message` in `language`. */
export function translate(message: Message, language: Language): string {
  const t = translators.get(language)!;
  if (typeof message === 'string') return t(message);
  const values = Object.fromEntries(Object.entries(message.values).map(([name, value]) => [name, typeof value === 'object' ? translate(value, language) : value]));
  return t(message.id, values);
}

/** Whether `text` is a message id (a custom class-validator message, for instance). */
export function isMessageId(text: string): text is MessageId {
  return Object.hasOwn(ZH_CN, text);
}
