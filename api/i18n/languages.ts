/** The languages every client-facing message exists in. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

export type Language = (typeof LANGUAGES)[number];

/**
 * The language of a request that asks for none we have (or none at all): English. The company's people reach the
 * API through browsers and apps, which send their language; requests without one come mostly from integrators'
 * programs and scripts, whose logs and support tickets are read by people of many languages.
 */
export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * The first of `preferences` (most preferred first) that we have: any Chinese tag (`zh`, `zh-CN`, `zh-Hans`, and
 * also `zh-TW`: the one Chinese catalogue is Simplified Chinese, which serves a Chinese reader better than English)
 * is `zh-CN`, any English tag `en`; none of them, the default.
 */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return DEFAULT_LANGUAGE;
}
