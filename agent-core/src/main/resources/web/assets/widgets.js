// Building blocks shared by the views: headings, badges, and the loading, empty and error states.

import { h } from './dom.js';
import { formatClock, formatSeconds, t } from './i18n.js';

/** Returns the heading block of a view; the h1 takes focus after navigation. */
export function viewHeader(title, intro, ...actions) {
  return h('div', { class: 'view-header' },
    h('div', { class: 'view-title' },
      h('h1', { tabindex: '-1' }, title),
      intro ? h('p', { class: 'muted' }, intro) : null),
    actions.length ? h('div', { class: 'view-actions' }, actions) : null);
}

/** Colour of each status word the API sends; a word missing here shows in the neutral tone. */
const TONES = {
  PASS: 'pass', WARN: 'warn', FAIL: 'fail', UNKNOWN: 'unknown', SKIPPED: 'skipped', ERROR: 'error',
  ok: 'pass', failing: 'fail', misconfigured: 'fail', not_configured: 'skipped',
  delivered: 'pass', failed: 'fail', pending: 'warn', expired: 'fail', no_notifier: 'skipped',
  STARTED: 'pass', FAILED: 'fail', DISABLED: 'skipped', STOPPED: 'skipped',
  CRITICAL: 'fail', WARNING: 'warn', INFO: 'info',
};

/** Returns the colour tone of a status word, such as "fail" for FAIL and for misconfigured. */
export function toneOf(status) {
  return TONES[status] ?? 'neutral';
}

/**
 * Returns a badge for a status word, labelled from the dictionary key prefix.status. A status
 * the dashboard does not know yet shows as the agent sent it.
 */
export function badge(prefix, status, tone = toneOf(status)) {
  const key = `${prefix}.${status}`;
  const label = t(key, {}, { quiet: true });
  return h('span', { class: `badge tone-${tone}` }, label === key ? status : label);
}

export function loadingState(text = t('state.loading')) {
  return h('p', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

export function emptyState(text) {
  return h('p', { class: 'state state-empty' }, text);
}

/** Returns an error box that states what failed, with a button to try again when retry is given. */
export function errorState(error, retry) {
  return h('div', { class: 'state state-error', role: 'alert' },
    h('p', {}, describeError(error)),
    retry ? h('button', { class: 'button', type: 'button', onclick: retry }, t('state.retry')) : null);
}

/**
 * Returns a sentence for a failed call: when to retry after a 429, that the agent is
 * unreachable, or the agent's own message with the status.
 */
export function describeError(error) {
  if (error?.status === 429) {
    return rateLimitText(error);
  }
  if (error?.status === 0) {
    return t('error.network');
  }
  if (error?.status) {
    return t('error.http', { status: String(error.status), message: error.message });
  }
  return t('error.unexpected', { message: String(error?.message ?? error) });
}

function rateLimitText(error) {
  if (!error.retryAt) {
    return t('error.rateLimitedNoTime');
  }
  return t('error.rateLimited', { time: formatClock(error.retryAt), wait: formatSeconds(error.retryAfterSeconds) });
}

/** Disables a button until a 429's retry time has passed, so the operator is not limited again. */
export function holdUntilRetry(button, error) {
  if (error?.status !== 429 || !error.retryAt) {
    return;
  }
  button.disabled = true;
  setTimeout(() => {
    button.disabled = false;
  }, Math.max(0, error.retryAt.getTime() - Date.now()));
}

/** Returns a paragraph for an inline message next to a form or a button; role status or alert. */
export function messageLine(text, tone) {
  return h('p', { class: `message message-${tone}`, role: tone === 'error' ? 'alert' : 'status' }, text);
}

/**
 * Returns a table whose cells carry their column name in data-label, so that narrow screens can
 * show each row as a card with labels.
 */
export function dataTable(caption, columns, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, index) =>
        h('td', { 'data-label': columns[index] }, cell)))))));
}
