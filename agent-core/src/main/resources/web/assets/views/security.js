// Security: the latest audit as a score, status filters, what changed in the latest run, and
// every check grouped by plugin with its summary, evidence and remediation.

import { api } from '../api.js';
import { h, replaceChildren, withCodeSpans } from '../dom.js';
import { formatDuration, formatNumber, formatPercent, formatTime, t } from '../i18n.js';
import {
  badge, describeError, emptyState, errorState, holdUntilRetry, loadingState, messageLine, viewHeader,
} from '../widgets.js';

/** Statuses from most to least urgent; the order of filters, plugin sections and checks. */
const STATUSES = ['FAIL', 'ERROR', 'UNKNOWN', 'WARN', 'PASS', 'SKIPPED'];

/** Statuses whose summary is the reason the check could not give a verdict. */
const REASON_STATUSES = new Set(['UNKNOWN', 'ERROR', 'SKIPPED']);

const HISTORY_PATH = '/api/audit/history?limit=100';
const EARLIER_CHANGES_SHOWN = 20;

export function renderSecurity(view, route) {
  const runButton = h('button', { class: 'button button-primary', type: 'button' }, t('security.run'));
  const runFeedback = h('div', { class: 'form-feedback', 'aria-live': 'polite' });
  const body = h('div', { class: 'view-body' });
  replaceChildren(view, viewHeader(t('security.title'), t('security.intro'), runButton), runFeedback, body);

  let filter = STATUSES.includes(route.query.get('status')) ? route.query.get('status') : 'ALL';
  let report = null;
  let history = null;

  const chooseFilter = (status) => {
    filter = status;
    route.setQuery(status === 'ALL' ? {} : { status });
    show();
  };

  function show() {
    replaceChildren(body,
      h('div', { class: 'overview' }, scoreCard(report), changesCard(history)),
      filterBar(report, filter, chooseFilter),
      checkList(report, filter));
  }

  async function load() {
    replaceChildren(body, loadingState());
    try {
      [report, history] = await Promise.all([api('/api/audit'), api(HISTORY_PATH)]);
      show();
    } catch (error) {
      replaceChildren(body, errorState(error, load));
    }
  }

  runButton.addEventListener('click', async () => {
    runButton.disabled = true;
    runButton.setAttribute('aria-busy', 'true');
    replaceChildren(runFeedback, messageLine(t('security.running'), 'info'));
    try {
      report = await api('/api/audit/run', { method: 'POST' });
      history = await api(HISTORY_PATH);
      show();
      replaceChildren(runFeedback, messageLine(t('security.runDone', {
        time: formatTime(report.startedAt), duration: formatDuration(report.durationMs),
      }), 'success'));
      runButton.disabled = false;
    } catch (error) {
      replaceChildren(runFeedback, messageLine(describeError(error), 'error'));
      runButton.disabled = false;
      holdUntilRetry(runButton, error);
    } finally {
      runButton.removeAttribute('aria-busy');
    }
  });

  load();
}

function scoreCard(report) {
  const counts = report.counts ?? {};
  const total = report.checks.length;
  const skipped = counts.skipped ?? 0;
  const passed = counts.pass ?? 0;
  // A skipped check found nothing to judge (the component is not installed), so it is left out
  // of the share instead of counting against it.
  const applicable = total - skipped;
  const share = applicable > 0 ? passed / applicable : null;
  const tone = scoreTone(share);

  const bar = h('span', { class: 'score-fill' });
  if (share !== null) {
    // CSSOM, not a style attribute: the CSP allows the first and forbids the second.
    bar.style.width = `${Math.round(share * 100)}%`;
  }

  return h('section', { class: `card score score-${tone}`, 'aria-labelledby': 'score-title' },
    h('h2', { id: 'score-title' }, t('security.score')),
    h('p', { class: 'score-value' }, share === null ? '—' : formatPercent(share)),
    h('div', { class: 'score-bar', 'aria-hidden': 'true' }, bar),
    h('p', {}, share === null
      ? t('security.scoreNone')
      : t('security.scoreDetail', { passed, count: applicable })),
    skipped > 0 ? h('p', { class: 'muted' }, t('security.scoreSkipped', { count: skipped })) : null,
    h('p', { class: 'muted' }, t('security.lastRun', {
      time: formatTime(report.startedAt), duration: formatDuration(report.durationMs),
    })),
    report.hostRoot && report.hostRoot !== '/'
      ? h('p', { class: 'muted' }, t('security.hostRoot'), ' ', h('code', {}, report.hostRoot))
      : null);
}

/** Returns the colour of the score: good from 90 %, fair from 60 %, else poor; none without a score. */
function scoreTone(share) {
  if (share === null) {
    return 'none';
  }
  if (share >= 0.9) {
    return 'good';
  }
  return share >= 0.6 ? 'fair' : 'poor';
}

/** Returns the status changes of the latest run, with earlier changes folded away below them. */
function changesCard(history) {
  const runs = history?.runs ?? [];
  const changes = history?.changes ?? [];
  const section = h('section', { class: 'card changes', 'aria-labelledby': 'changes-title' },
    h('h2', { id: 'changes-title' }, t('security.changes')));

  if (runs.length === 0) {
    return appendTo(section, emptyState(t('security.changesNoRuns')));
  }
  const latest = runs[0];
  const latestChanges = changes.filter((change) => change.runId === latest.id);
  const earlier = changes.filter((change) => change.runId !== latest.id).slice(0, EARLIER_CHANGES_SHOWN);

  if (latestChanges.length === 0) {
    section.append(emptyState(runs.length > 1
      ? t('security.changesNone', { time: formatTime(runs[1].startedAt) })
      : t('security.changesNoneFirst')));
  } else if (latestChanges.every((change) => change.from === null)) {
    // In the first audit every check changes from no status to its status, which the check list below shows.
    section.append(emptyState(t('security.changesFirstRun')));
  } else {
    section.append(changeList(latestChanges));
  }
  if (earlier.length > 0) {
    section.append(h('details', { class: 'earlier' },
      h('summary', {}, t('security.changesEarlier', { count: earlier.length })),
      changeList(earlier)));
  }
  return section;
}

function changeList(changes) {
  return h('ul', { class: 'change-list' }, changes.map((change) => h('li', {},
    h('div', { class: 'change-line' },
      h('code', {}, change.checkId),
      change.from === null ? badge('change', 'new', 'info') : badge('status', change.from),
      h('span', { 'aria-label': t('security.changedTo') }, '→'),
      badge('status', change.to)),
    change.summary ? h('p', { class: 'change-summary' }, change.summary) : null,
    h('p', { class: 'muted small' }, h('time', { datetime: change.changedAt }, formatTime(change.changedAt))))));
}

function filterBar(report, active, choose) {
  const counts = report.counts ?? {};
  const button = (status, label, count) => h('button', {
    class: `filter tone-${status.toLowerCase()}`,
    type: 'button',
    'aria-pressed': String(status === active),
    onclick: () => choose(status),
  }, label, ' ', h('span', { class: 'count' }, formatNumber(count)));

  return h('div', { class: 'filters', role: 'group', 'aria-label': t('security.filterLabel') },
    button('ALL', t('security.filterAll'), report.checks.length),
    STATUSES.map((status) => button(status, t(`status.${status}`), counts[status.toLowerCase()] ?? 0)));
}

function checkList(report, filter) {
  const section = h('section', { class: 'checks', 'aria-labelledby': 'checks-title' },
    h('h2', { id: 'checks-title', class: 'visually-hidden' }, t('security.checks')));
  if (report.checks.length === 0) {
    return appendTo(section, emptyState(t('security.noChecks')));
  }
  const shown = report.checks.filter((check) => filter === 'ALL' || check.status === filter);
  if (shown.length === 0) {
    return appendTo(section, emptyState(t('security.noMatch', { status: t(`status.${filter}`) })));
  }

  const byPlugin = new Map();
  for (const check of shown) {
    const plugin = check.plugin || check.group || '?';
    if (!byPlugin.has(plugin)) {
      byPlugin.set(plugin, []);
    }
    byPlugin.get(plugin).push(check);
  }
  const plugins = [...byPlugin.entries()]
    .map(([plugin, checks]) => [plugin, checks.sort(byUrgency)])
    .sort(([nameA, checksA], [nameB, checksB]) => byUrgency(checksA[0], checksB[0]) || nameA.localeCompare(nameB));

  for (const [plugin, checks] of plugins) {
    section.append(h('section', { class: 'plugin-group', 'aria-label': plugin },
      h('h3', { class: 'plugin-name' }, h('code', {}, plugin), ' ', h('span', { class: 'muted small' },
        t('security.checkCount', { count: checks.length }))),
      checks.map(checkCard)));
  }
  return section;
}

function checkCard(check) {
  const status = check.status;
  const hasReason = REASON_STATUSES.has(status);
  const evidence = check.evidence ?? [];
  const details = [
    evidence.length > 0
      ? h('div', { class: 'check-part' },
        h('h5', {}, t('security.evidence')),
        h('ul', { class: 'evidence' }, evidence.map((line) => h('li', {}, h('code', {}, line)))))
      : null,
    check.remediation
      ? h('div', { class: 'check-part' },
        h('h5', {}, t('security.remediation')),
        h('p', { class: 'remediation' }, withCodeSpans(check.remediation)))
      : null,
  ].filter(Boolean);

  // Passing and skipped checks fold their details away so the problems stay on one screen.
  const folded = status === 'PASS' || status === 'SKIPPED';
  return h('article', { class: `check status-${status.toLowerCase()}`, 'data-check-id': check.id },
    h('header', { class: 'check-header' },
      badge('status', status),
      h('h4', { class: 'check-title' }, check.title || check.id),
      h('code', { class: 'check-id' }, check.id)),
    h('p', { class: 'check-summary' },
      hasReason ? h('strong', {}, t('security.reason'), ' ') : null,
      check.summary || t('security.noSummary')),
    details.length === 0 ? null : folded
      ? h('details', { class: 'check-details' }, h('summary', {}, t('security.details')), details)
      : h('div', { class: 'check-details' }, details));
}

function byUrgency(a, b) {
  return rank(a.status) - rank(b.status) || a.id.localeCompare(b.id);
}

function rank(status) {
  const index = STATUSES.indexOf(status);
  return index < 0 ? STATUSES.length : index;
}

function appendTo(parent, child) {
  parent.append(child);
  return parent;
}
