import { useSyncExternalStore } from 'react';
import { browserLanguage, pageText, type Language, type PageText } from './i18n';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
}

/**
 * The browser's language for the pages this project adds, and their text in it. Rendered on the server (or before
 * hydration) in English, then in the browser's language, without a hydration mismatch.
 */
export function useLanguage(): { language: Language; t: (text: PageText, values?: Record<string, string | number>) => string } {
  const language = useSyncExternalStore(subscribe, browserLanguage, () => 'en' as const);
  return { language, t: (text, values) => pageText(language, text, values) };
}
