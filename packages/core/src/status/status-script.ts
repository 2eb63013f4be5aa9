/**
 * The page's script (inline, plain ES2020, no template literals so it can live in this string).
 * Renders only through textContent and attributes it sets itself; it never parses HTML.
 */
export const statusPageScript = `
(function () {
  'use strict';
  var state = { snapshot: null };
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    if (attributes) for (var name in attributes) {
      if (attributes[name] !== undefined) node.setAttribute(name, String(attributes[name]));
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function td(text, className, field) { return el('td', { class: className, 'data-field': field }, [text]); }
  function ms(value) { return value === undefined || value === null ? '-' : Math.round(value) + ' ms'; }
  function usd(value) {
    if (!value) return '$0';
    return value < 0.01 ? '$' + value.toFixed(6) : '$' + value.toFixed(4);
  }
  function time(epochMs) { return new Date(epochMs).toLocaleTimeString(); }
  function errorsText(errors) {
    var parts = [];
    for (var key in errors) parts.push(key + ' ' + errors[key]);
    return parts.join(', ');
  }
  function compact(value) {
    if (value >= 995000) return (value / 1000000).toFixed(2) + 'M';
    return value >= 100000 ? Math.round(value / 1000) + 'k' : value.toLocaleString('en-US');
  }
  function limitsText(limits) {
    var parts = [];
    ['rpm', 'tpm'].forEach(function (kind) {
      var window = limits && limits[kind];
      if (window) parts.push(kind + ' ' + compact(window.remaining) + '/' + compact(window.limit) + ' left');
    });
    return parts.join(' \u00b7 ') || '-';
  }
  function lowHeadroom(limits) {
    return ['rpm', 'tpm'].some(function (kind) {
      var window = limits && limits[kind];
      return window && window.remaining < window.limit * 0.1;
    });
  }
  function healthText(target, now) {
    if (target.state === 'open' && target.openUntil) {
      return 'open ' + Math.max(0, Math.ceil((target.openUntil - now) / 1000)) + 's';
    }
    if (target.state === 'cooling-down' && target.coolUntil) {
      return 'cooling ' + Math.max(0, Math.ceil((target.coolUntil - now) / 1000)) + 's';
    }
    return target.state === 'closed' ? 'healthy' : target.state;
  }
  function renderTargets(snapshot, flashed) {
    var body = $('targets').tBodies[0];
    var rows = snapshot.targets.map(function (target) {
      var badge = el('span', { class: 'badge', 'data-state': target.state }, [healthText(target, snapshot.at)]);
      var health = el('td', { 'data-field': 'state', 'data-state': target.state }, [badge]);
      var row = el('tr', { 'data-target': target.id, class: flashed === target.id ? 'flash' : undefined }, [
        td(target.id, undefined, 'id'),
        td(target.provider + ' / ' + target.model + (target.region ? ' (' + target.region + ')' : ''), 'muted', 'model'),
        health,
        td(ms(target.latencyMs), 'num', 'latency'),
        td(ms(target.ttftMs), 'num', 'ttft'),
        td(String(target.inFlight), 'num', 'in-flight'),
        td(String(target.attempts), 'num', 'attempts'),
        td(target.failures ? errorsText(target.errors) : '0', 'num', 'errors'),
        td(limitsText(target.limits), lowHeadroom(target.limits) ? 'warn' : 'muted', 'limits'),
        td(usd(target.costUsd), 'num', 'cost')
      ]);
      return row;
    });
    body.replaceChildren.apply(body, rows);
  }
  function renderRoutes(snapshot) {
    var body = $('routes').tBodies[0];
    body.replaceChildren.apply(body, snapshot.routes.map(function (route) {
      return el('tr', { 'data-route': route.name }, [
        td(route.name, undefined, 'name'),
        td(route.strategy || '-', 'muted', 'strategy'),
        td(route.targets.length ? route.targets.join(' \\u2192 ') : '-', 'muted', 'targets'),
        td(String(route.calls), 'num', 'calls'),
        td(String(route.successes), 'num', 'successes'),
        td(String(route.failures), 'num', 'failures'),
        td(usd(route.costUsd), 'num', 'cost')
      ]);
    }));
  }
  function attemptPath(decision) {
    var path = el('span', { class: 'path' });
    (decision.candidates || []).forEach(function (candidate) {
      if (candidate.skipped) {
        path.appendChild(el('span', { class: 'skipped', title: candidate.skipped.message }, [candidate.target]));
        path.appendChild(document.createTextNode(' '));
      }
    });
    if (decision.cache === 'hit') path.appendChild(el('span', { class: 'ok' }, ['cache hit']));
    decision.attempts.forEach(function (attempt, index) {
      if (index > 0) path.appendChild(document.createTextNode(' \\u2192 '));
      var ok = attempt.outcome === 'success';
      var label = attempt.target + (ok ? ' \\u2713' : ' \\u2717' + (attempt.status ? ' ' + attempt.status : ' ' + (attempt.errorClass || attempt.outcome)));
      if (attempt.hedge) label += ' (hedge)';
      // Cancelled by the router because the other attempt of its hedge delivered first.
      if (attempt.hedgeLost) label = attempt.target + ' cancelled (lost the hedge race)';
      path.appendChild(el('span', { class: ok ? 'ok' : attempt.hedgeLost ? 'muted' : 'failed' }, [label]));
    });
    return path;
  }
  function decisionItem(decision) {
    var summary = el('summary', {}, [
      el('span', { class: 'time' }, [time(decision.startedAt)]),
      el('span', {}, [decision.route]),
      el('span', { class: 'outcome-' + decision.outcome }, [decision.outcome]),
      attemptPath(decision),
      el('span', { class: 'muted' }, [ms(decision.durationMs)]),
      el('span', { class: 'muted' }, [usd(decision.costUsd)])
    ]);
    var rows = decision.attempts.map(function (attempt) {
      return el('tr', {}, [
        td(String(attempt.attempt), 'num'), td(attempt.target), td(attempt.outcome),
        td(attempt.errorClass || '-'), td(attempt.status ? String(attempt.status) : '-', 'num'),
        td(ms(attempt.ttftMs), 'num'), td(ms(attempt.durationMs), 'num'),
        td(attempt.next || '-'), td(attempt.message || '', 'muted')
      ]);
    });
    var head = el('tr', {}, ['#', 'target', 'outcome', 'error class', 'status', 'first token', 'duration', 'then', 'message'].map(function (title) { return el('th', {}, [title]); }));
    var table = el('table', {}, [el('thead', {}, [head]), el('tbody', {}, rows)]);
    var notes = ['call ' + decision.callId, 'strategy ' + decision.strategy, decision.operation];
    if (decision.panic) notes.push('panic mode');
    if (decision.cache) notes.push('cache ' + decision.cache + (decision.costSavedUsd ? ' (saved ' + usd(decision.costSavedUsd) + ')' : ''));
    if (decision.giveUp) notes.push('gave up: ' + decision.giveUp.reason);
    var meta = el('div', { class: 'muted meta' }, [notes.join(', ')]);
    return el('li', { 'data-call': decision.callId }, [el('details', {}, [summary, meta, table])]);
  }
  function renderDecisions(decisions) {
    var list = $('decisions');
    var open = {};
    list.querySelectorAll('details[open]').forEach(function (node) { open[node.parentNode.getAttribute('data-call')] = true; });
    list.replaceChildren.apply(list, decisions.map(function (decision) {
      var item = decisionItem(decision);
      if (open[decision.callId]) item.firstChild.setAttribute('open', '');
      return item;
    }));
    $('decision-count').textContent = '(' + decisions.length + ')';
  }
  function render(flashed) {
    var snapshot = state.snapshot;
    if (!snapshot) return;
    $('total-calls').textContent = String(snapshot.totals.calls);
    $('total-successes').textContent = String(snapshot.totals.successes);
    $('total-failures').textContent = String(snapshot.totals.failures);
    $('total-cost').textContent = usd(snapshot.totals.costUsd);
    var store = snapshot.store;
    $('store').textContent = store.kind + (store.degraded ? ' (degraded)' : store.shared ? ' (shared)' : '');
    $('store').setAttribute('class', store.degraded ? 'value warn' : 'value');
    $('store').setAttribute('title', store.degraded || '');
    renderTargets(snapshot, flashed);
    renderRoutes(snapshot);
    renderDecisions(snapshot.decisions);
    $('updated').textContent = time(snapshot.at);
  }
  function setConnection(value, text) {
    $('connection').setAttribute('data-state', value);
    $('connection-text').textContent = text;
  }
  var base = location.pathname.replace(/\\/+$/, '');
  var key = new URLSearchParams(location.search).get('key');
  var source = new EventSource(base + '/events' + (key ? '?key=' + encodeURIComponent(key) : ''));
  var flashed;
  var pending = false;
  var limit = Number(document.body.getAttribute('data-decisions')) || 50;
  source.onopen = function () { setConnection('live', 'live'); };
  source.onerror = function () { setConnection('lost', 'reconnecting'); };
  source.addEventListener('snapshot', function (event) {
    state.snapshot = JSON.parse(event.data);
    render(flashed);
    flashed = undefined;
  });
  source.addEventListener('health', function (event) { flashed = JSON.parse(event.data).targetId; });
  source.addEventListener('decision', function (event) {
    if (!state.snapshot) return;
    var decision = JSON.parse(event.data);
    var totals = state.snapshot.totals;
    totals.calls += 1;
    if (decision.outcome === 'success') totals.successes += 1;
    else if (decision.outcome !== 'aborted') totals.failures += 1;
    totals.costUsd += decision.costUsd || 0;
    $('total-calls').textContent = String(totals.calls);
    $('total-successes').textContent = String(totals.successes);
    $('total-failures').textContent = String(totals.failures);
    $('total-cost').textContent = usd(totals.costUsd);
    var decisions = state.snapshot.decisions;
    decisions.unshift(decision);
    if (decisions.length > limit) decisions.length = limit;
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () { pending = false; renderDecisions(state.snapshot.decisions); });
    }
  });
})();
`;
