// Plugins: every plugin the agent found, with version, state, what it contributes and why it failed.

import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime, t } from '../i18n.js';
import { badge, emptyState, errorState, loadingState, viewHeader } from '../widgets.js';

export function renderPlugins(view) {
  const body = h('div', { class: 'view-body' });
  replaceChildren(view, viewHeader(t('plugins.title'), t('plugins.intro')), body);

  async function load() {
    replaceChildren(body, loadingState());
    try {
      const data = await api('/api/plugins');
      replaceChildren(body, pluginList(data.plugins ?? []));
    } catch (error) {
      replaceChildren(body, errorState(error, load));
    }
  }
  load();
}

function pluginList(plugins) {
  if (plugins.length === 0) {
    return emptyState(t('plugins.none'));
  }
  // Failed plugins first: they are why an operator opens this page.
  const sorted = [...plugins].sort((a, b) =>
    Number(b.state === 'FAILED') - Number(a.state === 'FAILED') || a.id.localeCompare(b.id));
  return h('ul', { class: 'plugin-list' }, sorted.map(pluginCard));
}

function pluginCard(plugin) {
  const extensions = plugin.extensions ?? [];
  return h('li', { class: `card plugin state-${String(plugin.state).toLowerCase()}`, 'data-plugin': plugin.id },
    h('div', { class: 'item-header' },
      h('h2', { class: 'plugin-title' }, h('code', {}, plugin.id)),
      plugin.version ? h('span', { class: 'muted' }, t('plugins.version', { version: plugin.version })) : null,
      badge('pluginState', plugin.state)),
    plugin.failure
      ? h('p', { class: 'reason', role: 'note' }, h('strong', {}, t('plugins.failure'), ' '), plugin.failure)
      : null,
    h('h3', { class: 'small-heading' }, t('plugins.extensions')),
    extensions.length === 0
      ? h('p', { class: 'muted' }, t('plugins.noExtensions'))
      : h('ul', { class: 'chips' }, extensions.map((id) => h('li', {}, h('code', {}, id)))),
    (plugin.notifiers ?? []).map((notifier) => h('p', { class: 'notifier-line' },
      h('code', {}, notifier.id), ' ', badge('notifier', notifier.state),
      notifier.misconfiguration ? [' ', notifier.misconfiguration] : null,
      notifier.lastDeliveredAt
        ? h('span', { class: 'muted small' }, ' ', t('alerts.lastDelivered', { time: formatTime(notifier.lastDeliveredAt) }))
        : null)),
    plugin.path ? h('p', { class: 'muted small path' }, t('plugins.path'), ' ', h('code', {}, plugin.path)) : null);
}
