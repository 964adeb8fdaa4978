// The live page: a summary on connect, then batches of changed points and fresh tables, all by
// server-sent events from /api/live. window.playstream exposes the state and charts (tests read them).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const state = {
    series: {},          // name -> key -> [[t, v], ...] sorted by t
    liveWindowMs: 15 * 60 * 1000,
    panels: null,
    spsSeries: 'sps10',
    trendingCountry: null,
    lastEventAt: 0
  };
  const charts = {
    sps: PS.timeChart($('chart-sps'), { yFormat: (v) => PS.num(v, 1) }),
    failure: PS.timeChart($('chart-failure'), { yFormat: (v) => PS.pct(v, 1) }),
    p99: PS.timeChart($('chart-p99'), { yFormat: (v) => PS.ms(v) }),
    rebuffer: PS.timeChart($('chart-rebuffer'), { yFormat: (v) => PS.pct(v, 2) }),
    routes: PS.timeChart($('chart-routes'), { yFormat: (v) => PS.num(v, v > 0 && v < 10 ? 1 : 0) + '/s' }),
    sessions: PS.timeChart($('chart-sessions'), { yFormat: (v) => PS.num(v, 0), seconds: false })
  };
  window.playstream = { state, charts };

  // ---------------------------------------------------------------- series

  function upsert(name, key, t, v) {
    const byKey = (state.series[name] = state.series[name] || {});
    const points = (byKey[key] = byKey[key] || []);
    // points arrive mostly in order: search from the end
    let i = points.length - 1;
    while (i >= 0 && points[i][0] > t) i--;
    if (i >= 0 && points[i][0] === t) points[i][1] = v;
    else points.splice(i + 1, 0, [t, v]);
    const newest = points[points.length - 1][0];
    while (points.length && points[0][0] < newest - state.liveWindowMs) points.shift();
  }

  function lines(name, labelOf, skipTotal) {
    const byKey = state.series[name] || {};
    return Object.keys(byKey)
      .filter((k) => !(skipTotal && k === '*'))
      .sort((a, b) => last(byKey[b]) - last(byKey[a]) || a.localeCompare(b))
      .map((k) => ({ key: k, label: labelOf ? labelOf(k) : k, points: byKey[k] }));
  }
  function last(points) { return points && points.length ? points[points.length - 1][1] : 0; }

  let chartsDirty = false;
  function scheduleCharts() {
    if (chartsDirty) return;
    chartsDirty = true;
    requestAnimationFrame(() => { chartsDirty = false; drawCharts(); });
  }

  function drawCharts() {
    const span = { minSpanMs: 5 * 60 * 1000 };
    charts.sps.options.plugins.alertMarkers.markers = alertMarkers();
    PS.setLines(charts.sps, lines(state.spsSeries, null, true), span);
    PS.setLines(charts.failure, lines('failure_rate', (k) => (k === '*' ? 'All' : k)), span);
    PS.setLines(charts.p99, lines('latency_p99.server'), span);
    PS.setLines(charts.rebuffer, lines('rebuffer.server', (k) => (k === '*' ? 'All servers' : k)), span);
    PS.setLines(charts.routes, lines('route_rate'), { minSpanMs: 60 * 1000 });
    PS.setLines(charts.sessions, lines('sessions'), { minSpanMs: 10 * 60 * 1000 });
  }

  function alertMarkers() {
    const alerts = (state.panels && state.panels.tables.alerts) || [];
    const out = [];
    for (const a of alerts) {
      out.push({ t: a.opened_at, label: a.country + ' ▼', colour: '#f04438' });
      if (a.resolved_at) out.push({ t: a.resolved_at, label: a.country + ' ▲', colour: '#2fbf71' });
    }
    return out;
  }

  // ---------------------------------------------------------------- tables

  // replaces an element's content only when it changed: unchanged rows keep their DOM nodes
  function setHtml(el, html) {
    if (el._html === html) return;
    el.innerHTML = html;
    el._html = html;
  }

  function setRows(tableId, rowsHtml, emptyText, columns) {
    const body = $(tableId).tBodies[0] || $(tableId).createTBody();
    setHtml(body, rowsHtml.length
      ? rowsHtml.join('')
      : '<tr><td colspan="' + (columns || 8) + '" class="empty">' + PS.esc(emptyText) + '</td></tr>');
  }

  function kpi(id, valueHtml, detail, level) {
    const el = $(id);
    el.querySelector('.value').innerHTML = valueHtml;
    if (detail != null) el.querySelector('.detail').textContent = detail;
    el.classList.remove('ok', 'warn', 'bad');
    if (level) el.classList.add(level);
  }

  function drawKpis(t) {
    const k = t.kpis;
    kpi('kpi-sps', k.sps == null ? '–' : PS.num(k.sps, 1) + '<span class="unit">/s</span>', null,
      k.sps == null ? null : 'ok');
    kpi('kpi-failure', PS.pct(k.failure_rate, 2), null,
      k.failure_rate == null ? null : k.failure_rate > 0.05 ? 'bad' : k.failure_rate > 0.02 ? 'warn' : 'ok');
    kpi('kpi-p99', k.worst_p99_ms == null ? '–' : PS.ms(k.worst_p99_ms),
      k.worst_p99_server ? 'worst: ' + k.worst_p99_server : 'per CDN server',
      k.worst_p99_ms == null ? null : k.worst_p99_ms > 5000 ? 'bad' : k.worst_p99_ms > 2500 ? 'warn' : 'ok');
    kpi('kpi-rebuffer', PS.pct(k.rebuffer_ratio, 3), null,
      k.rebuffer_ratio == null ? null : k.rebuffer_ratio > 0.01 ? 'bad' : k.rebuffer_ratio > 0.003 ? 'warn' : 'ok');
    kpi('kpi-alerts', String(k.open_alerts), k.open_alerts ? 'SPS drop in progress' : 'SPS drops', k.open_alerts ? 'bad' : 'ok');
    kpi('kpi-dlq', PS.count(k.dead_letters), 'playstream.dlq, all reasons', k.dead_letters ? 'warn' : 'ok');
    $('kpi-alerts').dataset.open = k.open_alerts;
    $('kpi-dlq').dataset.count = k.dead_letters;
  }

  function drawCountries(t) {
    setRows('sps-table', t.countries.map((c) => {
      const total = c.country === '*';
      return '<tr' + (total ? ' class="total"' : '') + ' data-country="' + PS.esc(c.country) + '" data-sps="' + c.sps +
        '" data-starts="' + c.starts + '" data-window-start="' + c.window_start + '">' +
        '<td class="key">' + (total ? 'All countries' : PS.esc(c.country)) + '</td>' +
        '<td class="num">' + PS.num(c.sps, 1) + '</td>' +
        '<td class="num">' + PS.count(c.starts) + '</td>' +
        '<td class="num">' + PS.count(c.play_failures) + '</td>' +
        '<td class="num ' + (c.failure_rate > 0.05 ? 'bad-text' : '') + '">' + PS.pct(c.failure_rate, 2) + '</td></tr>';
    }), 'No SPS metrics yet (playstream.metrics.sps).', 5);
  }

  function drawQuality(t) {
    const rows = t.quality.slice().sort((a, b) =>
      a.dimension.localeCompare(b.dimension) || (b.p99_ms || 0) - (a.p99_ms || 0));
    setRows('quality-table', rows.map((q) =>
      '<tr data-dimension="' + PS.esc(q.dimension) + '" data-dimension-value="' + PS.esc(q.dimension_value) +
      '" data-p50="' + q.p50_ms + '" data-p99="' + q.p99_ms + '">' +
      '<td><span class="badge ' + (q.dimension === 'CDN_SERVER' ? 'info' : '') + '">' +
      (q.dimension === 'CDN_SERVER' ? 'CDN server' : 'ISP') + '</span></td>' +
      '<td class="key">' + PS.esc(q.dimension_value) + '</td>' +
      '<td class="num">' + PS.count(q.starts) + '</td>' +
      '<td class="num">' + PS.ms(q.p50_ms) + '</td>' +
      '<td class="num">' + PS.ms(q.p90_ms) + '</td>' +
      '<td class="num ' + (q.p99_ms > 5000 ? 'bad-text' : q.p99_ms > 2500 ? 'warn-text' : '') + '">' + PS.ms(q.p99_ms) + '</td>' +
      '<td class="num">' + (q.rebuffer_ratio == null ? '<span class="faint">n/a</span>' : PS.pct(q.rebuffer_ratio, 3)) + '</td>' +
      '<td class="num">' + (q.mean_bitrate_kbps == null ? '–' : PS.num(q.mean_bitrate_kbps / 1000, 1) + ' Mb/s') + '</td></tr>'
    ), 'No playback-quality metrics yet.', 8);
  }

  function drawCdn(t) {
    const rows = t.cdn.slice().sort((a, b) => (a.healthy === false ? -1 : 0) - (b.healthy === false ? -1 : 0) ||
      a.server_id.localeCompare(b.server_id));
    setRows('cdn-table', rows.map((c) => {
      const load = c.mean_load == null ? null : c.mean_load;
      const level = load == null ? '' : load > 0.9 ? 'bad' : load > 0.75 ? 'warn' : '';
      const health = c.healthy == null ? '<span class="badge">unknown</span>'
        : c.healthy ? '<span class="badge ok">healthy</span>' : '<span class="badge bad">unhealthy</span>';
      return '<tr data-server="' + PS.esc(c.server_id) + '" data-healthy="' + c.healthy + '" data-load="' + load + '">' +
        '<td class="key">' + PS.esc(c.server_id) + '</td>' +
        '<td class="muted">' + PS.esc(c.region || '–') + '</td>' +
        '<td>' + health + '</td>' +
        '<td>' + (load == null ? '–' : '<span class="bar ' + level + '"><span style="width:' +
          Math.min(100, load * 100).toFixed(0) + '%"></span></span> ' + PS.pct(load, 0)) + '</td>' +
        '<td class="num">' + PS.pct(c.traffic_share, 1) + '</td>' +
        '<td class="num">' + (c.active_sessions == null ? '–' : PS.count(c.active_sessions)) + '</td></tr>';
    }), 'No CDN metrics yet.', 6);
    const s = t.steering;
    $('steering-hint').textContent = s
      ? 'steering fallback ' + PS.pct(s.fallback_rate, 1) + ' of ' + PS.count(s.decisions) + ' decisions'
      : '';
  }

  function drawRoutes(r) {
    const rows = r.routes.map((route) => {
      const c = route.router || {};
      const lag = route.consumers.map((g) =>
        '<span class="badge ' + (g.lag > 10000 ? 'bad' : g.lag > 1000 ? 'warn' : 'ok') + '" title="' + PS.esc(g.group) + '">' +
        PS.esc(g.group) + ': ' + PS.count(g.lag) + '</span>').join(' ');
      return '<tr data-route="' + PS.esc(route.name) + '" data-end-offset="' + route.end_offset + '" data-lag="' +
        route.consumers.reduce((s, g) => s + g.lag, 0) + '">' +
        '<td class="key">' + PS.esc(route.name) + (c.status && c.status !== 'active'
          ? ' <span class="badge warn">' + PS.esc(c.status) + '</span>' : '') + '</td>' +
        '<td class="num">' + PS.count(route.end_offset) + '</td>' +
        '<td class="num">' + (route.rate_per_second == null ? '–' : PS.num(route.rate_per_second, 1)) + '</td>' +
        '<td class="num">' + (c.in == null ? '–' : PS.count(c.in)) + '</td>' +
        '<td class="num">' + (c.out == null ? '–' : PS.count(c.out)) + '</td>' +
        '<td class="num">' + (c.filtered == null ? '–' : PS.count(c.filtered)) + '</td>' +
        '<td class="num ' + (c.dead_lettered ? 'warn-text' : '') + '">' + (c.dead_lettered == null ? '–' : PS.count(c.dead_lettered)) + '</td>' +
        '<td class="num">' + (c.lag_p99_ms == null ? '–' : PS.ms(c.lag_p99_ms)) + '</td>' +
        '<td>' + (lag || '<span class="faint">no committed offsets</span>') + '</td></tr>';
    });
    setRows('routes-table', rows, r.kafka_reachable ? 'No route topics yet.' : (r.kafka_error || 'Kafka not reachable.'), 9);
    const parts = [];
    if (r.router_lag) parts.push('input lag ' + PS.count(r.router_lag.lag) + ' records');
    parts.push(r.router.reachable
      ? 'router ' + (r.router.instance || '') + ' ' + (r.router.state || '')
      : 'router status not reachable at ' + r.router.url + ' (Kafka figures only)');
    if (r.dead_letter_topic) parts.push('dead letters ' + PS.count(r.dead_letter_topic.end_offset));
    $('router-hint').textContent = parts.join(' · ');
  }

  function drawDeadLetters(d) {
    const byReason = Object.entries(d.by_reason).sort((a, b) => b[1] - a[1]);
    setRows('dlq-table', byReason.map(([reason, n]) =>
      '<tr data-reason="' + PS.esc(reason) + '" data-count="' + n + '"><td class="key">' + PS.esc(reason) +
      '</td><td class="num">' + PS.count(n) + '</td></tr>'), 'No dead letters. Good.', 2);
    const origins = Object.entries(d.by_route).map(([k, n]) => ['route ' + k, n])
      .concat(Object.entries(d.by_source_topic).map(([k, n]) => [k, n]))
      .sort((a, b) => b[1] - a[1]).slice(0, 8);
    setRows('dlq-origin-table', origins.map(([k, n]) =>
      '<tr><td class="mono">' + PS.esc(k) + '</td><td class="num">' + PS.count(n) + '</td></tr>'), '–', 2);
  }

  function drawJobs(j) {
    const now = Date.now();
    const rows = j.jobs.map((job) => {
      const level = job.state === 'RUNNING' ? 'ok' : job.state === 'FAILED' ? 'bad'
        : job.state === 'RESTARTING' || job.state === 'FAILING' ? 'warn' : '';
      const age = job.checkpoint_age_ms;
      const ageLevel = age == null ? '' : age > 120000 ? 'bad-text' : age > 30000 ? 'warn-text' : 'ok-text';
      return '<tr data-job="' + PS.esc(job.name) + '" data-state="' + PS.esc(job.state) + '">' +
        '<td class="key">' + PS.esc(job.name) + '</td>' +
        '<td><span class="badge ' + level + '">' + PS.esc(job.state) + '</span></td>' +
        '<td class="num">' + PS.duration(job.duration_ms) + '</td>' +
        '<td class="num">' + (job.checkpoints_completed == null ? '–' : PS.count(job.checkpoints_completed)) + '</td>' +
        '<td class="num ' + (job.checkpoints_failed ? 'warn-text' : '') + '">' + (job.checkpoints_failed == null ? '–' : PS.count(job.checkpoints_failed)) + '</td>' +
        '<td class="num ' + ageLevel + '">' + (job.last_checkpoint_at == null ? '–' : PS.ago(job.last_checkpoint_at, now)) + '</td>' +
        '<td class="num">' + (job.last_checkpoint_duration_ms == null ? '–' : PS.ms(job.last_checkpoint_duration_ms)) + '</td></tr>';
    });
    setRows('jobs-table', rows, j.reachable ? 'No jobs on the cluster.' : 'Flink REST API not reachable at ' + j.url +
      (j.error ? ' (' + j.error + ')' : ''), 7);
    $('flink-hint').textContent = j.cluster
      ? j.cluster.task_managers + ' TaskManagers · ' + (j.cluster.slots_total - j.cluster.slots_available) + '/' +
        j.cluster.slots_total + ' slots used · Flink ' + j.cluster.flink_version
      : j.url;
  }

  function drawAlerts(t) {
    const now = Date.now();
    const el = $('alerts');
    if (!t.alerts.length) {
      setHtml(el, '<li class="empty">No alerts in the live window.</li>');
      return;
    }
    setHtml(el, t.alerts.map((a) =>
      '<li data-alert-id="' + PS.esc(a.alert_id) + '" data-state="' + PS.esc(a.state) + '" data-country="' + PS.esc(a.country) + '">' +
      '<span class="badge ' + (a.state === 'OPENED' ? 'bad' : 'ok') + '">' + PS.esc(a.state) + '</span>' +
      '<span><b>' + PS.esc(a.country) + '</b> SPS ' + PS.num(a.observed_sps, 1) + ' vs baseline ' + PS.num(a.baseline_sps, 1) +
      ' <span class="muted">(−' + PS.pct(a.drop_share, 0) + ')</span></span>' +
      '<span class="when">' + PS.ago(a.evaluated_at, now) + '</span></li>').join(''));
  }

  function drawHealthChanges(t) {
    const now = Date.now();
    setHtml($('health-changes'), t.health_changes.length
      ? t.health_changes.map((h) => '<li data-server="' + PS.esc(h.server_id) + '" data-healthy="' + h.healthy + '">' +
        '<span class="badge ' + (h.healthy ? 'ok' : 'bad') + '">' + (h.healthy ? 'healthy' : 'unhealthy') + '</span>' +
        '<span><b>' + PS.esc(h.server_id) + '</b> <span class="muted">' + PS.esc(h.region) + ', load ' +
        PS.pct(h.load, 0) + '</span></span><span class="when">' + PS.ago(h.changed_at, now) + '</span></li>').join('')
      : '<li class="empty">No CDN server changed health in the live window.</li>');
  }

  function drawTrending(t) {
    const select = $('trending-country');
    const countries = t.trending.map((r) => r.country);
    if (select.options.length !== countries.length || countries.some((c, i) => select.options[i].value !== c)) {
      select.innerHTML = countries.map((c) => '<option value="' + PS.esc(c) + '">' +
        (c === '*' ? 'All countries' : PS.esc(c)) + '</option>').join('');
    }
    if (!state.trendingCountry || !countries.includes(state.trendingCountry)) {
      state.trendingCountry = countries.includes('*') ? '*' : countries[0];
    }
    select.value = state.trendingCountry || '';
    const row = t.trending.find((r) => r.country === state.trendingCountry);
    const el = $('trending');
    if (!row) {
      setHtml(el, '<li class="empty">No trending lists yet (playstream.recs, rows trending:&lt;country&gt;).</li>');
      $('trending-hint').textContent = '';
      return;
    }
    setHtml(el, row.titles.map((x) => '<li data-title-id="' + PS.esc(x.title_id) + '"><span class="name">' +
      PS.esc(x.name || x.title_id) + '</span><span class="score">' +
      PS.num(x.value, Number.isInteger(x.value) ? 0 : 2) + '</span></li>').join(''));
    $('trending-hint').textContent = row.model_version + ' · updated ' + PS.ago(row.updated_at);
  }

  function drawSessions(t) {
    const s = t.sessions;
    const el = $('top-titles');
    setHtml(el, s.top_titles.length
      ? s.top_titles.map((x) => '<li data-title-id="' + PS.esc(x.title_id) + '"><span class="name">' +
        PS.esc(x.name || x.title_id) + '</span><span class="score">' + PS.count(x.value) + '</span></li>').join('')
      : '<li class="empty">No sessions ended in the live window.</li>');
    $('sessions-hint').textContent = s.sessions
      ? PS.count(s.sessions) + ' ended · startup ' + PS.ms(s.mean_startup_latency_ms) + ' avg · ' +
        PS.duration((s.mean_watch_seconds || 0) * 1000) + ' watched avg'
      : '';
  }

  function drawComponents(c) {
    const names = { kafka: 'Kafka', flink: 'Flink', router: 'Router', elasticsearch: 'Elasticsearch' };
    setHtml($('components'), Object.entries(c).map(([k, v]) =>
      '<span class="pill ' + (v.up ? 'up' : 'down') + '" data-component="' + k + '" title="' +
      PS.esc(v.address + (v.error ? ' — ' + v.error : v.detail ? ' — ' + v.detail : '')) + '"><span class="dot"></span>' +
      names[k] + '</span>').join(''));
  }

  function applyPanels(p) {
    state.panels = p;
    const t = p.tables;
    drawKpis(t);
    drawCountries(t);
    drawQuality(t);
    drawCdn(t);
    drawAlerts(t);
    drawHealthChanges(t);
    drawTrending(t);
    drawSessions(t);
    drawDeadLetters(t.dead_letters);
    drawRoutes(p.routes);
    drawJobs(p.jobs);
    drawComponents(p.components);
    document.body.dataset.updatedAt = t.generated_at;
  }

  // ---------------------------------------------------------------- event stream

  function connect() {
    const live = $('live');
    const es = new EventSource('/api/live');
    es.addEventListener('summary', (e) => {
      const s = JSON.parse(e.data);
      state.liveWindowMs = s.live_window_ms;
      state.series = {};
      for (const [name, byKey] of Object.entries(s.series)) {
        state.series[name] = {};
        for (const [key, points] of Object.entries(byKey)) state.series[name][key] = points;
      }
      applyPanels(s);
      scheduleCharts();
      seen();
    });
    es.addEventListener('points', (e) => {
      for (const u of JSON.parse(e.data)) upsert(u.s, u.k, u.t, u.v);
      scheduleCharts();
      seen();
    });
    es.addEventListener('tables', (e) => {
      applyPanels(JSON.parse(e.data));
      scheduleCharts(); // alert markers follow the alert table
      seen();
    });
    es.onopen = () => { live.className = 'live on'; };
    es.onerror = () => {
      live.className = 'live off';
      $('live-text').textContent = 'reconnecting…';
    };
    function seen() {
      state.lastEventAt = Date.now();
      live.className = 'live on';
      $('live-text').textContent = 'live · ' + PS.time(state.lastEventAt);
    }
  }

  document.querySelectorAll('#sps-window button').forEach((b) => b.addEventListener('click', () => {
    document.querySelectorAll('#sps-window button').forEach((x) => x.classList.toggle('active', x === b));
    state.spsSeries = b.dataset.series;
    charts.sps.data.datasets = [];
    scheduleCharts();
  }));
  $('trending-country').addEventListener('change', (e) => {
    state.trendingCountry = e.target.value;
    if (state.panels) drawTrending(state.panels.tables);
  });

  connect();
})();
