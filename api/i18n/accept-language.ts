import Negotiator from 'negotiator';
import { DEFAULT_LANGUAGE, pickLanguage, type Language } from './languages';

/** The language for an `Accept-Language` header (quality values honoured), or for a single tag such as `zh-CN`. */
export function languageFromHeader(header: string | readonly string[] | null | undefined): Language {
  const value = typeof header === 'string' ? header : header?.[0];
  if (value === undefined || value.trim() === '') return DEFAULT_LANGUAGE;
  return pickLanguage(new Negotiator({ headers: { 'accept-language': value } }).languages());
}
