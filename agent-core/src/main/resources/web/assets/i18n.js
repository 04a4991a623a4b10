// Language choice, translation and locale-aware formatting. Each language has one dictionary
// in i18n/; check ids, plugin ids and messages from the agent stay as the agent sends them.

import en from './i18n/en.js';
import ru from './i18n/ru.js';

const DICTIONARIES = { en, ru };
const STORAGE_KEY = 'miniops.language';

let language = initialLanguage();

/** Returns the languages the dashboard offers as [code, name in that language] pairs. */
export function availableLanguages() {
  return Object.entries(DICTIONARIES).map(([code, dictionary]) => [code, dictionary['language.name']]);
}

/** Returns the current language code, such as "en". */
export function currentLanguage() {
  return language;
}

/** Switches the language and remembers the choice in localStorage for the next visit. */
export function chooseLanguage(code) {
  if (!(code in DICTIONARIES)) {
    return;
  }
  language = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage may be disabled; the choice then lasts until the page reloads.
  }
  document.documentElement.lang = code;
}

/**
 * Returns the text for a key with {name} placeholders filled in; numbers are formatted for the
 * locale. An entry may be an object of plural forms (one, few, many, other), chosen by params.count.
 * A missing key returns the key itself, with a console warning unless options.quiet is set.
 */
export function t(key, params = {}, options = {}) {
  let entry = DICTIONARIES[language][key] ?? DICTIONARIES.en[key];
  if (entry === undefined) {
    if (!options.quiet) {
      console.warn(`Missing dictionary key ${key}`);
    }
    return key;
  }
  if (typeof entry === 'object') {
    const form = new Intl.PluralRules(locale()).select(params.count ?? 0);
    entry = entry[form] ?? entry.other;
  }
  return entry.replace(/\{(\w+)\}/g, (placeholder, name) => {
    if (!(name in params)) {
      return placeholder;
    }
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/**
 * Returns the locale for numbers and dates: the browser's own variant of the chosen language
 * (en-GB for a British browser showing English), or the bare language code.
 */
export function locale() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.find((tag) => tag && tag.toLowerCase().split('-')[0] === language) ?? language;
}

export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(locale(), options).format(value);
}

export function formatPercent(share) {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Formats an ISO-8601 instant as date and time in the viewer's time zone; "—" when absent. */
export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** Formats a Date as a time of day, for "try again at 21:15:03". */
export function formatClock(date) {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(date);
}

/** Formats a duration in milliseconds with a unit: "71 ms", "1.2 s". */
export function formatDuration(milliseconds) {
  if (milliseconds < 1000) {
    return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'millisecond', unitDisplay: 'short' }).format(milliseconds);
  }
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 })
    .format(milliseconds / 1000);
}

/** Formats whole seconds with a unit: "42 sec" in English, "42 с" in Russian. */
export function formatSeconds(seconds) {
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds);
}

/** Returns the remembered language, else the first browser language with a dictionary, else English. */
function initialLanguage() {
  let remembered = null;
  try {
    remembered = localStorage.getItem(STORAGE_KEY);
  } catch {
    remembered = null;
  }
  if (remembered in DICTIONARIES) {
    return remembered;
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const code = (tag ?? '').toLowerCase().split('-')[0];
    if (code in DICTIONARIES) {
      return code;
    }
  }
  return 'en';
}
