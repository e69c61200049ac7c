import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'unioncare.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
  } catch {
    // storage may be unavailable (private mode); fall back to the default
  }
  return 'zh-CN';
}

function applyLanguage(lng: string): void {
  if (typeof document === 'undefined') return; // the build renders the map's first paint in Node
  document.documentElement.lang = lng;
}

/** The language the API should answer in: the UI language, always one of LANGUAGES. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return lng === 'en' ? 'en' : 'zh-CN';
}

// The English strings come when asked for (a chunk of their own, precached for offline use): the app's entry carries
// the default language only. Area bundles (aid.ts, …) may add their English part first; this merges under them.
let english: Promise<void> | null = null;
function loadEnglish(): Promise<void> {
  english ??= import('./en').then(({ en }) => {
    i18n.addResourceBundle('en', 'translation', en, true, false);
  });
  return english;
}

/** Switch the UI language and remember the choice on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not fatal: the choice just won't survive a reload
  }
  if (lng === 'en') await loadEnglish();
  await i18n.changeLanguage(lng);
}

i18n.on('languageChanged', applyLanguage);

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
applyLanguage(i18n.language);

/** Resolves once the stored language's strings are in (at once for Chinese): render the app after it. */
export const i18nReady: Promise<void> =
  initial === 'en'
    ? loadEnglish()
        .then(() => i18n.changeLanguage('en')) // again, now that English has strings: resolvedLanguage follows
        .then(
          () => {},
          () => void i18n.changeLanguage('zh-CN'),
        )
    : Promise.resolve();

export default i18n;
