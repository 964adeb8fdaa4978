// The history page: metric, grouping and time range → /api/history (Elasticsearch) and
// /api/history/alerts. The URL keeps the query (?metric=&by=&range= or &from=&to=), so a view can
// be shared. window.playstream exposes the chart and the last answer (tests read them).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const chart = PS.timeChart($('chart-history'), {});
  const state = { metrics: [], result: null, error: null, loading: false };
  window.playstream = { chart, state };

  const params = new URLSearchParams(location.search);
  let range = params.get('range') || (params.get('from') ? null : '1h');

  function toMs(v) {
    return v == null ? null : typeof v === 'number' ? v : Date.parse(v);
  }
  function toLocalInput(t) {
    const d = new Date(t - new Date(t).getTimezoneOffset() * 60000);
    return d.toISOString().slice(0, 19);
  }
  function fromLocalInput(v) {
    return v ? new Date(v).getTime() : null;
  }
  function formatter(unit) {
    if (unit === 'ratio') return (v) => PS.pct(v, 2);
    if (unit === 'ms') return (v) => PS.ms(v);
    return (v) => PS.num(v, v < 10 ? 2 : 1);
  }

  function fillBy(metricId, wanted) {
    const m = state.metrics.find((x) => x.id === metricId) || state.metrics[0];
    $('by').innerHTML = m.by.map((b) => '<option>' + PS.esc(b) + '</option>').join('');
    $('by').value = m.by.includes(wanted) ? wanted : m.by[0];
  }

  function showError(message) {
    state.error = message;
    const el = $('error');
    el.textContent = message || '';
    el.classList.toggle('hidden', !message);
  }

  async function load() {
    const q = new URLSearchParams();
    q.set('metric', $('metric').value);
    q.set('by', $('by').value);
    if (range) {
      q.set('from', 'now-' + range);
      q.set('to', 'now');
    } else {
      const from = fromLocalInput($('from').value);
      const to = fromLocalInput($('to').value);
      q.set('from', from == null ? '' : new Date(from).toISOString());
      q.set('to', to == null ? '' : new Date(to).toISOString());
    }
    const pageQuery = new URLSearchParams({ metric: q.get('metric'), by: q.get('by') });
    if (range) pageQuery.set('range', range);
    else { pageQuery.set('from', q.get('from')); pageQuery.set('to', q.get('to')); }
    history.replaceState(null, '', '?' + pageQuery);
    $('api-link').href = '/api/history?' + q;
    $('api-link').textContent = '/api/history?' + q;
    state.loading = true;
    try {
      const [res, alertsRes] = await Promise.all([
        fetch('/api/history?' + q),
        fetch('/api/history/alerts?' + new URLSearchParams({ from: q.get('from'), to: q.get('to') }))
      ]);
      const body = await res.json();
      if (!res.ok) {
        showError(body.error || ('HTTP ' + res.status));
        $('source').className = 'pill ' + (res.status === 502 ? 'down' : 'up');
        return;
      }
      showError(null);
      $('source').className = 'pill up';
      state.result = body;
      const alerts = alertsRes.ok ? await alertsRes.json() : [];
      draw(body, alerts);
    } catch (e) {
      showError('The dashboard did not answer: ' + e);
    } finally {
      state.loading = false;
    }
  }

  function draw(r, alerts) {
    const fmt = formatter(r.unit);
    chart.options.scales.y.ticks.callback = fmt;
    chart.options.plugins.tooltip.callbacks.label = (item) => ' ' + item.dataset.label + ': ' + fmt(item.parsed.y);
    chart.options.scales.x.min = r.from;
    chart.options.scales.x.max = r.to;
    chart.options.scales.x.ticks.callback = (v) => (r.to - r.from > 86400000 ? PS.dateTime(v) : PS.time(v));
    chart.options.plugins.alertMarkers.markers = alerts.flatMap((a) =>
      a.state === 'OPENED'
        ? [{ t: toMs(a.opened_at), label: a.country + ' ▼', colour: '#f04438' }]
        : a.resolved_at ? [{ t: toMs(a.resolved_at), label: a.country + ' ▲', colour: '#2fbf71' }] : []);
    PS.setLines(chart, r.series.map((s) => ({
      key: s.key, label: s.key === '*' ? 'All' : s.key, points: s.points
    })));
    $('chart-title').textContent = r.title + ' — ' + r.unit;
    $('query-info').textContent = r.documents + ' documents · buckets of ' + r.interval;
    const body = $('alerts-table').tBodies[0];
    body.innerHTML = alerts.length ? alerts.map((a) =>
      '<tr data-alert-id="' + PS.esc(a.alert_id) + '"><td>' + PS.dateTime(toMs(a.evaluated_at)) + '</td>' +
      '<td class="key">' + PS.esc(a.country) + '</td>' +
      '<td><span class="badge ' + (a.state === 'OPENED' ? 'bad' : 'ok') + '">' + PS.esc(a.state) + '</span></td>' +
      '<td class="num">' + PS.num(a.observed_sps, 2) + '</td><td class="num">' + PS.num(a.baseline_sps, 2) + '</td>' +
      '<td class="num">' + PS.pct(a.drop_share, 0) + '</td>' +
      '<td>' + PS.dateTime(toMs(a.opened_at)) + '</td>' +
      '<td>' + (a.resolved_at ? PS.dateTime(toMs(a.resolved_at)) : '–') + '</td></tr>').join('')
      : '<tr><td colspan="8" class="empty">No alerts in this range.</td></tr>';
    if (!r.series.length) {
      showError(null);
      $('query-info').textContent = 'No documents in this range (' + r.documents + ').';
    }
  }

  function selectPreset(value) {
    range = value;
    document.querySelectorAll('#presets button').forEach((b) => b.classList.toggle('active', b.dataset.range === value));
  }

  async function init() {
    const res = await fetch('/api/history/metrics');
    state.metrics = await res.json();
    $('metric').innerHTML = state.metrics.map((m) =>
      '<option value="' + PS.esc(m.id) + '">' + PS.esc(m.title) + '</option>').join('');
    $('metric').value = params.get('metric') && state.metrics.some((m) => m.id === params.get('metric'))
      ? params.get('metric') : 'sps';
    fillBy($('metric').value, params.get('by'));
    const now = Date.now();
    if (range) {
      selectPreset(range);
    } else {
      selectPreset(null);
    }
    $('from').value = toLocalInput(params.get('from') ? Date.parse(params.get('from')) : now - 3600000);
    $('to').value = toLocalInput(params.get('to') ? Date.parse(params.get('to')) : now);

    $('metric').addEventListener('change', () => { fillBy($('metric').value); load(); });
    $('by').addEventListener('change', load);
    document.querySelectorAll('#presets button').forEach((b) => b.addEventListener('click', () => {
      selectPreset(b.dataset.range);
      load();
    }));
    $('from').addEventListener('change', () => selectPreset(null));
    $('to').addEventListener('change', () => selectPreset(null));
    $('apply').addEventListener('click', load);
    load();
  }

  init();
})();
