import { msg, type Message } from '../i18n';
import { TRADING_CURRENCIES } from './currencies';

/**
 * How one kind of text input is read. Every text argument and input field of the API has a kind (declared with
 * `@TextOf` beside the field, by argument name for plain arguments, or the default `text`), and the one text policy
 * below applies it before any resolver runs.
 */
export interface TextRule {
  /** At most this many characters, counted as PostgreSQL counts them (code points), after normalization. */
  maxLength: number;
  /** Line breaks and tabs are kept (notes, comments, reasons); everywhere else every control character is refused. */
  multiline?: boolean;
  /** Even where the field is optional, a given value must show a visible character (names: '' is no name). */
  visible?: boolean;
  /** Taken exactly as sent, never trimmed or normalized (passwords); control characters are still refused. */
  verbatim?: boolean;
  /** Upper-cased and then one of these (currencies). */
  oneOf?: readonly string[];
  /** What the README says the kind is for. */
  usedFor: string;
}

/**
 * The text kinds, with the limits declared once. Columns of names are `varchar(200)` (and a product's unit
 * `varchar(20)`); every other text column is `text`, bounded here.
 */
export const TEXT = {
  name: { maxLength: 200, visible: true, usedFor: 'names and titles (varchar(200) columns)' },
  altName: { maxLength: 200, usedFor: 'second names (English names), where "" clears the name' },
  unit: { maxLength: 20, visible: true, usedFor: 'a product’s unit (varchar(20))' },
  label: { maxLength: 100, usedFor: 'industry, job title, carrier, tracking number, payment reference, batch number, search text' },
  code: { maxLength: 40, usedFor: 'phone, tax id, tag, SKU' },
  address: { maxLength: 500, usedFor: 'addresses' },
  note: { maxLength: 2000, multiline: true, usedFor: 'notes, comments, reasons, visit purpose and outcome, next steps' },
  description: { maxLength: 5000, multiline: true, usedFor: 'complaint description and resolution' },
  document: { maxLength: 10000, multiline: true, usedFor: 'product specification' },
  email: { maxLength: 254, usedFor: 'e-mail addresses' },
  cursor: { maxLength: 500, usedFor: 'page and event cursors (`after`, `from`)' },
  currency: { maxLength: 3, oneOf: TRADING_CURRENCIES, usedFor: 'currency codes' },
  secret: { maxLength: 200, verbatim: true, usedFor: 'passwords (taken exactly as sent)' },
  id: { maxLength: 36, usedFor: 'ids (uuids)' },
  text: { maxLength: 1000, usedFor: 'any other text (event types, URLs, idempotency keys)' },
} as const satisfies Record<string, TextRule>;

export type TextKind = keyof typeof TEXT;

/** Text a plain argument (not an input field) carries, by its name: the same name means the same thing everywhere. */
export const TEXT_ARGUMENTS: Readonly<Record<string, TextKind>> = {
  after: 'cursor',
  from: 'cursor',
  batchNumber: 'label',
  comment: 'note',
  email: 'email',
  note: 'note',
  password: 'secret',
  reason: 'note',
  receivedBy: 'name',
  resolution: 'note',
};

/** The outcome of reading one text value: the value to use, or why it is refused. */
export type TextResult = { ok: true; value: string } | { ok: false; message: Message };

// Cc: C0 controls (NUL included), DEL and C1 controls. Zl/Zp: U+2028/U+2029, line breaks in all but name.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const MULTILINE_CONTROL = /[^\P{Cc}\n\t]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Letters, digits, punctuation, symbols: what a reader sees. Spaces, zero-width and format characters alone are not.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const REPLACEMENT_CHARACTER = '\uFFFD';

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters as PostgreSQL counts them (a pair of surrogates is one). */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * The text policy: refuses NUL and other control characters (line breaks and tabs only where `multiline`), unpaired
 * UTF-16 surrogates (which would otherwise be stored as U+FFFD) and U+FFFD itself (what a broken encoding leaves);
 * then trims, normalizes to NFC and checks that a given value shows a visible character, that a required one is not
 * empty, and the length.
 */
export function readText(raw: string, rule: TextRule, required: boolean): TextResult {
  const lone = LONE_SURROGATE.exec(raw);
  if (lone !== null) return { ok: false, message: msg('must not contain an unpaired UTF-16 surrogate ({{codePoint}})', { codePoint: codePoint(lone[0]) }) };
  if (raw.includes(REPLACEMENT_CHARACTER)) return { ok: false, message: 'must not contain U+FFFD, the replacement character of a broken encoding' };
  let value = rule.multiline ? raw.replace(/\r\n?/g, '\n') : raw;
  const control = (rule.multiline ? MULTILINE_CONTROL : CONTROL).exec(value);
  if (control !== null) {
    const found = codePoint(control[0]);
    return {
      ok: false,
      message: rule.multiline
        ? msg('must not contain control characters (line breaks and tabs are allowed), found {{codePoint}}', { codePoint: found })
        : msg('must not contain control characters, found {{codePoint}}', { codePoint: found }),
    };
  }
  if (!rule.verbatim) value = value.trim().normalize('NFC');
  if (value === '') {
    if (raw !== '' && !rule.verbatim) return { ok: false, message: 'must contain a visible character, not only spaces' };
    if ((required || rule.visible) && !rule.verbatim) return { ok: false, message: 'must not be empty' };
  } else if (!rule.verbatim && !VISIBLE.test(value)) {
    return { ok: false, message: 'must contain a visible character (letters, digits, punctuation or symbols)' };
  }
  const length = characterCount(value);
  if (length > rule.maxLength) return { ok: false, message: msg('must be at most {{max}} characters (is {{length}})', { max: rule.maxLength, length }) };
  if (rule.oneOf !== undefined) {
    value = value.toUpperCase();
    if (!rule.oneOf.includes(value)) return { ok: false, message: msg('must be one of {{values}}', { values: rule.oneOf.join(', ') }) };
  }
  return { ok: true, value };
}
