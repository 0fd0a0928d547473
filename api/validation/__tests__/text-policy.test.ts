import { translate } from '../../i18n';
import { readText, TEXT } from '../text-policy';

/** Why the policy refuses `raw`, in English, or null. */
const refused = (raw: string, kind: keyof typeof TEXT = 'name', required = true) => {
  const read = readText(raw, TEXT[kind], required);
  return read.ok ? null : translate(read.message, 'en');
};
const value = (raw: string, kind: keyof typeof TEXT = 'name', required = true) => {
  const read = readText(raw, TEXT[kind], required);
  if (!read.ok) throw new Error(`refused: ${translate(read.message, 'en')}`);
  return read.value;
};

describe('the text policy', () => {
  it('trims and normalizes to NFC: a decomposed é is stored composed', () => {
    expect(value('  Cafe\u0301 华信  ')).toBe('Café 华信');
  });

  it('refuses NUL and every other control character in one-line text', () => {
    expect(refused('a\u0000b')).toMatch(/control characters.*U\+0000/);
    expect(refused('a\u0007b')).toMatch(/U\+0007/);
    expect(refused('a\u007fb')).toMatch(/U\+007F/);
    expect(refused('a\u009bb')).toMatch(/U\+009B/);
    expect(refused('line one\nline two')).toMatch(/U\+000A/);
    expect(refused('tab\there')).toMatch(/U\+0009/);
    expect(refused('a\u2028b')).toMatch(/U\+2028/);
  });

  it('keeps line breaks and tabs in notes, with CRLF made LF, and still refuses NUL there', () => {
    expect(value('first\r\nsecond\n\tindented', 'note')).toBe('first\nsecond\n\tindented');
    expect(refused('first\u0000second', 'note')).toMatch(/line breaks and tabs are allowed.*U\+0000/);
  });

  it('refuses unpaired UTF-16 surrogates, which would otherwise be stored as U+FFFD, but keeps real pairs', () => {
    expect(refused('a\ud800')).toMatch(/unpaired UTF-16 surrogate \(U\+D800\)/);
    expect(refused('\udc00b')).toMatch(/U\+DC00/);
    expect(refused('\ud83d\ud83d')).toMatch(/U\+D83D/);
    expect(value('客户 \ud83d\ude00')).toBe('客户 😀');
  });

  it('refuses U+FFFD, what a broken encoding leaves behind', () => {
    expect(refused('broken \ufffd')).toMatch(/U\+FFFD/);
  });

  it('refuses names of spaces only or of invisible characters only', () => {
    expect(refused('   ')).toMatch(/visible character/);
    expect(refused('\u200b\u200c\u200d\ufeff')).toMatch(/visible character/);
    expect(refused('\u3000\u00a0')).toMatch(/visible character/);
    expect(refused('\u0301')).toMatch(/visible character/);
    expect(value('\u200bA')).toBe('\u200bA');
  });

  it('refuses an empty required value or name, and accepts "" where an optional note may be empty', () => {
    expect(refused('', 'name', false)).toBe('must not be empty');
    expect(refused('', 'note', true)).toBe('must not be empty');
    expect(value('', 'note', false)).toBe('');
    expect(refused(' ', 'note', false)).toMatch(/visible character/);
  });

  it('counts characters as PostgreSQL does, after normalization', () => {
    expect(value('字'.repeat(200))).toHaveLength(200);
    expect(refused('字'.repeat(201))).toBe('must be at most 200 characters (is 201)');
    expect(value('😀'.repeat(200))).toHaveLength(400);
    expect(refused(`${'e\u0301'.repeat(200)}x`)).toBe('must be at most 200 characters (is 201)');
    expect(refused('x'.repeat(21), 'unit')).toMatch(/at most 20/);
  });

  it('takes passwords exactly as sent, but never with NUL or a lone surrogate', () => {
    expect(value('  pass word ', 'secret')).toBe('  pass word ');
    expect(value('', 'secret')).toBe('');
    expect(refused('pass\u0000', 'secret')).toMatch(/U\+0000/);
    expect(refused('pass\ud800', 'secret')).toMatch(/surrogate/);
  });

  it('accepts only the currencies the company trades in, upper-cased', () => {
    expect(value('cny', 'currency')).toBe('CNY');
    expect(value('USD', 'currency')).toBe('USD');
    expect(refused('ZZZ', 'currency')).toBe('must be one of CNY, HKD, USD, EUR');
    expect(refused('RMB', 'currency')).toBe('must be one of CNY, HKD, USD, EUR');
  });
});
