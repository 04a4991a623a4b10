// Entry point: the page chrome, hash routing (#/security, #/logins, #/alerts, #/plugins),
// sign-in and sign-out, and the language switch.

import { api, forgetToken, onUnauthorized, storedToken } from './api.js';
import { h, replaceChildren } from './dom.js';
import { availableLanguages, chooseLanguage, currentLanguage, t } from './i18n.js';
import { renderAlerts } from './views/alerts.js';
import { renderLogins } from './views/logins.js';
import { renderPlugins } from './views/plugins.js';
import { renderSecurity } from './views/security.js';
import { renderSignIn } from './views/signin.js';

const ROUTES = {
  security: renderSecurity,
  logins: renderLogins,
  alerts: renderAlerts,
  plugins: renderPlugins,
};
const DEFAULT_ROUTE = 'security';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const signOutButton = document.getElementById('sign-out');
const languageSelect = document.getElementById('language');
const versionLine = document.getElementById('agent-version');

/** Key of a message for the sign-in form, set when a session ends by itself. */
let signInNotice = null;
let agentVersion = null;

/** Returns the route name and query of the current hash, such as security and status=FAIL. */
function currentRoute() {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(location.hash);
  const name = match && match[1] in ROUTES ? match[1] : DEFAULT_ROUTE;
  const query = new URLSearchParams(match && match[1] in ROUTES ? match[2] ?? '' : '');
  return {
    name,
    query,
    /** Records view state such as a filter in the hash without a reload or a history entry. */
    setQuery(params) {
      const text = new URLSearchParams(params).toString();
      history.replaceState(null, '', `#/${name}${text ? `?${text}` : ''}`);
    },
  };
}

function render({ moveFocus = false } = {}) {
  translateChrome();
  const signedIn = storedToken() !== null;
  nav.hidden = !signedIn;
  signOutButton.hidden = !signedIn;

  if (!signedIn) {
    document.title = `${t('signin.title')} · Mini-Ops`;
    versionLine.textContent = '';
    renderSignIn(view, {
      notice: signInNotice,
      onSignedIn: () => {
        signInNotice = null;
        render({ moveFocus: true });
      },
    });
    return;
  }

  const route = currentRoute();
  document.title = `${t(`nav.${route.name}`)} · Mini-Ops`;
  for (const link of nav.querySelectorAll('a[data-route]')) {
    if (link.dataset.route === route.name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  // Each view draws into a fresh element, so a slow response for a view the operator left
  // lands in a detached node instead of over the new view.
  const container = h('div', { class: 'view-content' });
  replaceChildren(view, container);
  ROUTES[route.name](container, route);
  showVersion();
  if (moveFocus) {
    container.querySelector('h1')?.focus();
  }
}

/** Fills every element marked with data-i18n (text) or data-i18n-label (aria-label). */
function translateChrome() {
  document.documentElement.lang = currentLanguage();
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
  replaceChildren(languageSelect, availableLanguages().map(([code, name]) =>
    h('option', { value: code, lang: code, selected: code === currentLanguage() }, name)));
}

async function showVersion() {
  if (agentVersion === null) {
    try {
      agentVersion = (await api('/api/health')).version ?? '';
    } catch {
      // The footer is decoration; the view shows its own errors.
      return;
    }
  }
  versionLine.textContent = agentVersion ? t('footer.version', { version: agentVersion }) : '';
}

languageSelect.addEventListener('change', () => {
  chooseLanguage(languageSelect.value);
  render();
  languageSelect.focus();
});

signOutButton.addEventListener('click', () => {
  forgetToken();
  agentVersion = null;
  signInNotice = 'signin.signedOut';
  render();
});

onUnauthorized(() => {
  agentVersion = null;
  signInNotice = 'signin.expired';
  // A view's parallel requests each get the 401; the first one already shows the form.
  if (!view.querySelector('form.signin-form')) {
    render();
  }
});

window.addEventListener('hashchange', () => render({ moveFocus: true }));

render();
