// Shared helpers of the dashboard pages: formatting, colours, Chart.js line charts with a time
// axis (linear scale of epoch milliseconds: no date adapter needed) and alert markers.
'use strict';

const PS = (window.PS = window.PS || {});

PS.palette = [
  '#4c9aff', '#f5a524', '#2fbf71', '#e5484d', '#a78bfa', '#22d3ee', '#f472b6', '#c4e456',
  '#fb923c', '#94a3b8', '#14b8a6', '#eab308'
];
// the same key gets the same colour on every chart and page (a hash, not the order of arrival)
PS.colour = function (key) {
  if (key === '*') return '#e6ebf5';
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return PS.palette[h % PS.palette.length];
};

PS.esc = function (s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'
  })[c]);
};

PS.num = function (v, digits) {
  if (v == null || Number.isNaN(v)) return '–';
  return Number(v).toLocaleString('en-US', {
    minimumFractionDigits: digits, maximumFractionDigits: digits
  });
};
PS.pct = function (v, digits) {
  if (v == null || Number.isNaN(v)) return '–';
  return (v * 100).toFixed(digits == null ? 2 : digits) + '%';
};
PS.ms = function (v) {
  if (v == null) return '–';
  if (v < 1000) return Math.round(v) + ' ms';
  return (v / 1000).toFixed(v < 10000 ? 2 : 1) + ' s';
};
PS.count = function (v) {
  if (v == null) return '–';
  if (v >= 1e9) return (v / 1e9).toFixed(1) + 'G';
  if (v >= 1e6) return (v / 1e6).toFixed(1) + 'M';
  if (v >= 1e4) return (v / 1e3).toFixed(1) + 'k';
  return String(v);
};
PS.duration = function (ms) {
  if (ms == null) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
};
PS.time = function (t, withSeconds) {
  if (t == null) return '–';
  const d = new Date(t);
  return d.toLocaleTimeString('en-GB', {
    hour: '2-digit', minute: '2-digit', second: withSeconds === false ? undefined : '2-digit'
  });
};
PS.dateTime = function (t) {
  if (t == null) return '–';
  const d = new Date(t);
  return d.toLocaleDateString('en-CA') + ' ' + PS.time(t);
};
PS.ago = function (t, now) {
  if (t == null) return '–';
  const s = Math.max(0, Math.round(((now || Date.now()) - t) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return Math.floor(s / 86400) + ' d ago';
};

// ------------------------------------------------------------------ charts

if (window.Chart) {
  Chart.defaults.color = '#8b97b0';
  Chart.defaults.borderColor = '#26314a';
  Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--sans');
  Chart.defaults.font.size = 11;
}

// Vertical markers (alerts) on a time chart: options.plugins.alertMarkers.markers = [{t, label, colour}]
PS.alertMarkersPlugin = {
  id: 'alertMarkers',
  afterDatasetsDraw(chart, args, opts) {
    const markers = (opts && opts.markers) || [];
    if (!markers.length) return;
    const x = chart.scales.x;
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    for (const m of markers) {
      const px = x.getPixelForValue(m.t);
      if (px < area.left - 1 || px > area.right + 1) continue;
      ctx.strokeStyle = m.colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = m.colour;
      ctx.beginPath();
      ctx.moveTo(px - 5, area.top);
      ctx.lineTo(px + 5, area.top);
      ctx.lineTo(px, area.top + 7);
      ctx.closePath();
      ctx.fill();
      if (m.label) {
        ctx.font = '600 10px ' + Chart.defaults.font.family;
        ctx.fillText(m.label, Math.min(px + 6, area.right - 40), area.top + 16);
      }
    }
    ctx.restore();
  }
};

/**
 * A line chart over time. opts: yFormat(v) → tick text, yMax, stacked, step, area, legend.
 */
PS.timeChart = function (canvas, opts) {
  opts = opts || {};
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    plugins: [PS.alertMarkersPlugin],
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      elements: {
        point: { radius: 0, hitRadius: 6, hoverRadius: 3 },
        line: { borderWidth: 1.8, tension: 0.15 }
      },
      scales: {
        x: {
          type: 'linear',
          bounds: 'data',
          grid: { color: '#1f2839' },
          ticks: { maxTicksLimit: 8, callback: (v) => PS.time(v, opts.seconds !== false) }
        },
        y: {
          beginAtZero: true,
          stacked: !!opts.stacked,
          suggestedMax: opts.yMax,
          grid: { color: '#1f2839' },
          ticks: { maxTicksLimit: 6, callback: (v) => (opts.yFormat ? opts.yFormat(v) : v) }
        }
      },
      plugins: {
        legend: {
          display: opts.legend !== false,
          position: 'bottom',
          labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true, pointStyle: 'rectRounded', padding: 12 }
        },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? PS.dateTime(items[0].parsed.x) : ''),
            label: (item) => ' ' + item.dataset.label + ': ' +
              (opts.yFormat ? opts.yFormat(item.parsed.y) : item.parsed.y)
          }
        },
        alertMarkers: { markers: [] }
      }
    }
  });
};

/**
 * Sets a chart's lines: lines = [{key, label, points: [[t, v], ...]}]. Keeps dataset objects
 * (and their hidden state) by key.
 */
PS.setLines = function (chart, lines, opts) {
  opts = opts || {};
  const byKey = new Map(chart.data.datasets.map((d) => [d.key, d]));
  const next = [];
  for (const line of lines) {
    let ds = byKey.get(line.key);
    if (!ds) {
      const colour = PS.colour(line.key);
      ds = {
        key: line.key,
        label: line.label,
        borderColor: colour,
        backgroundColor: opts.fill ? colour + '55' : colour,
        fill: !!opts.fill,
        stepped: !!opts.step,
        borderDash: line.key === '*' ? [5, 4] : undefined,
        data: []
      };
    }
    ds.label = line.label;
    ds.data = line.points.map((p) => ({ x: p[0], y: p[1] }));
    // a line of one or two points would be invisible without its points
    ds.pointRadius = ds.data.length < 3 ? 3 : 0;
    ds.clip = 6; // points on the edge of the time axis stay whole
    next.push(ds);
  }
  chart.data.datasets = next;
  if (opts.minSpanMs) {
    // a short series gets a sensible time axis instead of one stretched around a single instant
    let min = Infinity;
    let max = -Infinity;
    for (const ds of next) {
      if (ds.data.length) {
        min = Math.min(min, ds.data[0].x);
        max = Math.max(max, ds.data[ds.data.length - 1].x);
      }
    }
    const x = chart.options.scales.x;
    if (max === -Infinity) {
      delete x.min;
      delete x.max;
    } else {
      x.max = max;
      x.min = Math.min(min, max - opts.minSpanMs);
    }
  }
  chart.update('none');
};
