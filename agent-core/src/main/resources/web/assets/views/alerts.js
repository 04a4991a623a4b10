// Alerts: each notifier's health, a test alert through all of them, and the alert outbox.

import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatNumber, formatTime, t } from '../i18n.js';
import {
  badge, dataTable, describeError, emptyState, errorState, holdUntilRetry, loadingState, messageLine, toneOf,
  viewHeader,
} from '../widgets.js';

const FILTERS = ['pending', 'failed', 'delivered', 'all'];

export function renderAlerts(view, route) {
  const testButton = h('button', { class: 'button button-primary', type: 'button' }, t('alerts.test'));
  const testResult = h('div', { class: 'form-feedback', 'aria-live': 'polite' });
  const notifiersBody = h('div', {});
  const outboxBody = h('div', {});
  let filter = FILTERS.includes(route.query.get('status')) ? route.query.get('status') : 'pending';

  const filterBar = h('div', { class: 'filters', role: 'group', 'aria-label': t('alerts.filterLabel') });
  const drawFilters = () => replaceChildren(filterBar, FILTERS.map((name) => h('button', {
    class: 'filter', type: 'button', 'aria-pressed': String(name === filter),
    onclick: () => {
      filter = name;
      route.setQuery(name === 'pending' ? {} : { status: name });
      drawFilters();
      loadOutbox();
    },
  }, t(`alerts.filter.${name}`))));
  drawFilters();

  replaceChildren(view,
    viewHeader(t('alerts.title'), t('alerts.intro'), testButton),
    testResult,
    h('section', { class: 'card', 'aria-labelledby': 'notifiers-title' },
      h('h2', { id: 'notifiers-title' }, t('alerts.notifiers')), notifiersBody),
    h('section', { class: 'card', 'aria-labelledby': 'outbox-title' },
      h('h2', { id: 'outbox-title' }, t('alerts.outbox')),
      h('p', { class: 'muted' }, t('alerts.outboxIntro')),
      filterBar, outboxBody));

  async function loadNotifiers() {
    replaceChildren(notifiersBody, loadingState());
    try {
      const data = await api('/api/plugins');
      const notifiers = (data.plugins ?? []).flatMap((plugin) =>
        (plugin.notifiers ?? []).map((notifier) => ({ ...notifier, plugin: plugin.id })));
      replaceChildren(notifiersBody, notifierList(notifiers));
    } catch (error) {
      replaceChildren(notifiersBody, errorState(error, loadNotifiers));
    }
  }

  async function loadOutbox() {
    const requested = filter;
    replaceChildren(outboxBody, loadingState());
    try {
      const data = await api(`/api/alerts?status=${encodeURIComponent(requested)}`);
      if (requested === filter) {
        replaceChildren(outboxBody, alertTable(data.alerts ?? [], requested));
      }
    } catch (error) {
      replaceChildren(outboxBody, errorState(error, loadOutbox));
    }
  }

  testButton.addEventListener('click', async () => {
    testButton.disabled = true;
    testButton.setAttribute('aria-busy', 'true');
    replaceChildren(testResult, messageLine(t('alerts.testSending'), 'info'));
    try {
      const data = await api('/api/alerts/test', { method: 'POST' });
      replaceChildren(testResult, testResults(data));
      testButton.disabled = false;
      loadNotifiers();
      loadOutbox();
    } catch (error) {
      replaceChildren(testResult, messageLine(describeError(error), 'error'));
      testButton.disabled = false;
      holdUntilRetry(testButton, error);
    } finally {
      testButton.removeAttribute('aria-busy');
    }
  });

  loadNotifiers();
  loadOutbox();
}

function notifierList(notifiers) {
  if (notifiers.length === 0) {
    return emptyState(t('alerts.notifiersNone'));
  }
  return h('ul', { class: 'item-list' }, notifiers.map((notifier) => h('li', { class: 'item', 'data-notifier': notifier.id },
    h('div', { class: 'item-header' },
      h('code', { class: 'item-name' }, notifier.id),
      badge('notifier', notifier.state),
      h('span', { class: 'muted small' }, t('alerts.fromPlugin', { plugin: notifier.plugin }))),
    h('p', { class: 'muted' }, t(`notifier.explain.${notifier.state}`)),
    notifier.misconfiguration
      ? h('p', { class: 'reason' }, h('strong', {}, t('alerts.misconfiguration'), ' '), notifier.misconfiguration)
      : null,
    notifier.lastError && notifier.lastError !== notifier.misconfiguration
      ? h('p', { class: 'reason' }, h('strong', {}, t('alerts.lastError'), ' '), notifier.lastError)
      : null,
    h('p', { class: 'muted small' }, notifier.lastDeliveredAt
      ? t('alerts.lastDelivered', { time: formatTime(notifier.lastDeliveredAt) })
      : t('alerts.neverDelivered')))));
}

function testResults(data) {
  const notifiers = data.notifiers ?? [];
  return h('section', { class: 'card test-results', 'aria-labelledby': 'test-results-title' },
    h('h2', { id: 'test-results-title' }, t('alerts.testResults')),
    data.message ? h('p', {}, data.message) : null,
    notifiers.length === 0 ? null : h('ul', { class: 'item-list' }, notifiers.map((result) =>
      h('li', { class: 'item', 'data-notifier': result.notifier, 'data-result': result.result },
        h('div', { class: 'item-header' },
          h('code', { class: 'item-name' }, result.notifier),
          badge('testResult', result.result),
          h('span', { class: 'muted small' }, t('alerts.fromPlugin', { plugin: result.plugin }))),
        result.message ? h('p', {}, result.message) : null))));
}

function alertTable(alerts, filter) {
  if (alerts.length === 0) {
    return emptyState(t(`alerts.none.${filter}`));
  }
  const columns = [t('alerts.created'), t('alerts.alert'), t('alerts.severity'), t('alerts.notifier'),
    t('alerts.state'), t('alerts.attempts'), t('alerts.next')];
  const rows = alerts.map((alert) => [
    h('time', { datetime: alert.createdAt }, formatTime(alert.createdAt)),
    [h('span', { class: 'alert-title' }, alert.title), ' ', h('code', { class: 'muted small' }, alert.kind)],
    badge('severity', alert.severity),
    alert.notifier ? h('code', {}, alert.notifier) : '—',
    [badge('alertState', alert.state, alertTone(alert)),
      alert.lastError ? h('p', { class: 'reason small' }, alert.lastError) : null],
    formatNumber(alert.attempts ?? 0),
    alert.state === 'pending' ? formatTime(alert.nextAttemptAt) : formatTime(alert.finishedAt),
  ]);
  return dataTable(t('alerts.outbox'), columns, rows);
}

/** Returns the badge tone of a delivery. A pending one that failed before shows as failing, so retries stand out. */
function alertTone(alert) {
  if (alert.state === 'pending' && alert.attempts > 0) {
    return 'fail';
  }
  return toneOf(alert.state);
}
