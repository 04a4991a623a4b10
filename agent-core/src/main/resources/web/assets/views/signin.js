// Sign-in: the operator pastes AUTH_TOKEN, and POST /api/auth/login checks it before it is kept.

import { signIn } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { describeError, holdUntilRetry, messageLine } from '../widgets.js';

/**
 * Renders the sign-in form into view; onSignedIn runs after the token was accepted.
 * notice is an optional key of a message to show above the form, such as an ended session.
 */
export function renderSignIn(view, { notice, onSignedIn }) {
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'off', 'aria-describedby': 'token-hint',
  });
  const feedback = h('div', { class: 'form-feedback', 'aria-live': 'polite' },
    notice ? messageLine(t(notice), 'info') : null);
  const button = h('button', { class: 'button button-primary', type: 'submit' }, t('signin.button'));

  const form = h('form', { class: 'signin-form', novalidate: true },
    h('label', { for: 'token' }, t('signin.tokenLabel')),
    input,
    h('p', { id: 'token-hint', class: 'muted hint' }, t('signin.tokenHint')),
    feedback,
    button);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      replaceChildren(feedback, messageLine(t('signin.empty'), 'error'));
      input.focus();
      return;
    }
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    replaceChildren(feedback, messageLine(t('signin.checking'), 'info'));
    try {
      await signIn(token);
      onSignedIn();
    } catch (error) {
      const text = error.status === 401 ? t('signin.wrongToken') : describeError(error);
      replaceChildren(feedback, messageLine(text, 'error'));
      button.disabled = false;
      holdUntilRetry(button, error);
      input.select();
    } finally {
      form.removeAttribute('aria-busy');
    }
  });

  replaceChildren(view,
    h('section', { class: 'signin card', 'aria-labelledby': 'signin-title' },
      h('h1', { id: 'signin-title', tabindex: '-1' }, t('signin.title')),
      h('p', { class: 'muted' }, t('signin.intro')),
      form));
  input.focus();
}
