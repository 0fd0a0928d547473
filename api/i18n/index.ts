/** Messages in Chinese and English: the language of a request, the message type errors carry, and translation. */
export { languageFromHeader } from './accept-language';
export { DEFAULT_LANGUAGE, LANGUAGES, pickLanguage, type Language } from './languages';
export { isMessageId, msg, nested, translate, type Message, type MessageId, type MessageValue, type PlainMessageId, type TemplateMessage } from './messages';
