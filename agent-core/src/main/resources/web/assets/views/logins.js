// Logins: SSH login history from the PAM hook, and the trusted networks whose logins raise no alert.

import { api } from '../api.js';
import { h, replaceChildren, uniqueId } from '../dom.js';
import { formatTime, t } from '../i18n.js';
import {
  badge, dataTable, describeError, emptyState, errorState, holdUntilRetry, loadingState, messageLine, viewHeader,
} from '../widgets.js';

const LOGINS_PATH = '/api/logins?limit=100';
const NETWORKS_PATH = '/api/trusted-networks';

export function renderLogins(view) {
  const history = h('section', { class: 'card', 'aria-labelledby': 'logins-title' },
    h('h2', { id: 'logins-title' }, t('logins.history')));
  const historyBody = h('div', {});
  history.append(historyBody);

  const networks = h('section', { class: 'card', 'aria-labelledby': 'networks-title' },
    h('h2', { id: 'networks-title' }, t('logins.networks')),
    h('p', { class: 'muted' }, t('logins.networksIntro')));
  const networksFeedback = h('div', { class: 'form-feedback', 'aria-live': 'polite' });
  const networksBody = h('div', {});

  replaceChildren(view, viewHeader(t('logins.title'), t('logins.intro')), history, networks);

  async function loadHistory() {
    replaceChildren(historyBody, loadingState());
    try {
      const data = await api(LOGINS_PATH);
      replaceChildren(historyBody, loginTable(data.logins ?? []));
    } catch (error) {
      replaceChildren(historyBody, errorState(error, loadHistory));
    }
  }

  async function loadNetworks() {
    replaceChildren(networksBody, loadingState());
    try {
      const data = await api(NETWORKS_PATH);
      replaceChildren(networksBody, networkList(data.networks ?? [], removeNetwork));
    } catch (error) {
      replaceChildren(networksBody, errorState(error, loadNetworks));
    }
  }

  async function removeNetwork(entry, button) {
    button.disabled = true;
    try {
      await api(`${NETWORKS_PATH}/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
      replaceChildren(networksFeedback, messageLine(t('logins.removed', { network: entry.network }), 'success'));
      await loadNetworks();
    } catch (error) {
      replaceChildren(networksFeedback, messageLine(describeError(error), 'error'));
      button.disabled = false;
      holdUntilRetry(button, error);
      if (error.status === 404) {
        // Removed elsewhere in the meantime: show the list as it is now.
        await loadNetworks();
      }
    }
  }

  networks.append(addNetworkForm(networksFeedback, loadNetworks), networksFeedback, networksBody);
  loadHistory();
  loadNetworks();
}

function loginTable(logins) {
  if (logins.length === 0) {
    return emptyState(t('logins.none'));
  }
  const columns = [t('logins.time'), t('logins.user'), t('logins.source'), t('logins.service'), t('logins.status')];
  const rows = logins.map((login) => [
    h('time', { datetime: login.time }, formatTime(login.time)),
    login.user ? h('code', {}, login.user) : h('span', { class: 'muted' }, t('logins.unknownUser')),
    source(login),
    [login.service || '—', login.tty ? h('span', { class: 'muted' }, ` (${login.tty})`) : null],
    h('span', { class: 'badges' },
      login.trusted ? badge('trust', 'trusted', 'pass') : badge('trust', 'untrusted', 'warn'),
      login.seenBefore ? null : badge('trust', 'firstTime', 'info')),
  ]);
  return dataTable(t('logins.history'), columns, rows);
}

function source(login) {
  if (!login.remoteHost) {
    return h('span', { class: 'muted' }, t('logins.localSource'));
  }
  const showIp = login.remoteIp && login.remoteIp !== login.remoteHost;
  return [h('code', {}, login.remoteHost), showIp ? [' ', h('code', { class: 'muted' }, `(${login.remoteIp})`)] : null];
}

function networkList(entries, remove) {
  if (entries.length === 0) {
    return emptyState(t('logins.networksNone'));
  }
  return h('ul', { class: 'network-list' }, entries.map((entry) => {
    const button = h('button', {
      class: 'button button-danger',
      type: 'button',
      'aria-label': t('logins.removeNamed', { network: entry.network }),
    }, t('logins.remove'));
    button.addEventListener('click', () => remove(entry, button));
    return h('li', { class: 'network', 'data-network': entry.network },
      h('div', { class: 'network-text' },
        h('code', { class: 'network-cidr' }, entry.network),
        entry.note ? h('span', { class: 'network-note' }, entry.note) : null,
        h('span', { class: 'muted small' }, t('logins.addedAt', { time: formatTime(entry.createdAt) }))),
      button);
  }));
}

function addNetworkForm(feedback, reload) {
  const networkId = uniqueId('network');
  const noteId = uniqueId('note');
  const networkInput = h('input', {
    id: networkId, name: 'network', type: 'text', inputmode: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: '203.0.113.0/24', 'aria-describedby': `${networkId}-hint`,
  });
  const noteInput = h('input', { id: noteId, name: 'note', type: 'text', autocomplete: 'off', maxlength: '200' });
  const button = h('button', { class: 'button button-primary', type: 'submit' }, t('logins.add'));

  const form = h('form', { class: 'network-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: networkId }, t('logins.network')),
      networkInput,
      h('p', { id: `${networkId}-hint`, class: 'muted hint' }, t('logins.networkHint'))),
    h('div', { class: 'field' },
      h('label', { for: noteId }, t('logins.note')),
      noteInput),
    h('div', { class: 'field field-button' }, button));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const network = networkInput.value.trim();
    if (!network) {
      replaceChildren(feedback, messageLine(t('logins.networkMissing'), 'error'));
      networkInput.setAttribute('aria-invalid', 'true');
      networkInput.focus();
      return;
    }
    button.disabled = true;
    try {
      const entry = await api('/api/trusted-networks', { method: 'POST', body: { network, note: noteInput.value.trim() } });
      networkInput.removeAttribute('aria-invalid');
      form.reset();
      replaceChildren(feedback, messageLine(t('logins.added', { network: entry.network }), 'success'));
      button.disabled = false;
      await reload();
    } catch (error) {
      // A 400 carries the agent's reason, such as a malformed CIDR range; show it as the agent wrote it.
      const text = error.status === 400 ? t('logins.invalid', { message: error.message }) : describeError(error);
      replaceChildren(feedback, messageLine(text, 'error'));
      if (error.status === 400) {
        networkInput.setAttribute('aria-invalid', 'true');
      }
      button.disabled = false;
      holdUntilRetry(button, error);
      networkInput.focus();
    }
  });
  return form;
}
