// ganeval4j UI page: polls the JSON routes of GanEvalUIModule and draws one SVG line chart per metric.
(function () {
  'use strict';
  const W = 460, H = 260, M = {l: 56, r: 20, t: 10, b: 34};
  const sel = document.getElementById('session');
  let current = null;

  function el(name, attrs, parent) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function fmt(v) {
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : +v.toPrecision(4) + '';
  }

  function chart(name, m) {
    const div = document.createElement('div');
    div.className = 'chart';
    const h = document.createElement('h2');
    h.textContent = name + ' ';
    const b = document.createElement('span');
    b.className = 'better';
    b.textContent = m.lowerIsBetter ? '(lower is better)' : '(higher is better)';
    h.appendChild(b);
    div.appendChild(h);
    const svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'xMidYMid meet'});
    div.appendChild(svg);
    const pts = m.points;
    if (pts.length > 0) {
      const xs = pts.map(p => p[0]), ys = pts.map(p => p[1]);
      let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      if (x0 === x1) { x0 -= 1; x1 += 1; }
      if (y0 === y1) { y0 -= Math.abs(y0) * 0.1 + 1e-9; y1 += Math.abs(y1) * 0.1 + 1e-9; }
      const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
      const sx = x => M.l + (x - x0) / (x1 - x0) * (W - M.l - M.r);
      const sy = y => H - M.b - (y - y0) / (y1 - y0) * (H - M.t - M.b);
      el('line', {x1: M.l, y1: H - M.b, x2: W - M.r, y2: H - M.b, stroke: '#999'}, svg);
      el('line', {x1: M.l, y1: M.t, x2: M.l, y2: H - M.b, stroke: '#999'}, svg);
      for (let i = 0; i <= 4; i++) {
        const y = y0 + (y1 - y0) * i / 4;
        el('text', {x: M.l - 4, y: sy(y) + 4, 'text-anchor': 'end'}, svg).textContent = fmt(y);
        el('line', {x1: M.l, y1: sy(y), x2: W - M.r, y2: sy(y), stroke: '#eee'}, svg);
        const x = x0 + (x1 - x0) * i / 4;
        el('text', {x: sx(x), y: H - M.b + 14, 'text-anchor': 'middle'}, svg).textContent = Math.round(x);
      }
      el('text', {x: (W + M.l) / 2, y: H - 4, 'text-anchor': 'middle'}, svg).textContent = 'iteration';
      el('polyline', {points: pts.map(p => sx(p[0]) + ',' + sy(p[1])).join(' '), fill: 'none', stroke: '#1f77b4',
        'stroke-width': 2}, svg);
      for (const p of pts) {
        const c = el('circle', {cx: sx(p[0]), cy: sy(p[1]), r: 3, fill: '#1f77b4'}, svg);
        el('title', {}, c).textContent = 'iteration ' + p[0] + ': ' + fmt(p[1]) + (p.length > 2 ? ' ± ' + fmt(p[2]) : '');
      }
    }
    if (m.failures.length > 0) {
      const f = document.createElement('div');
      f.className = 'failed';
      f.textContent = m.failures.length + ' failed evaluation(s), last at iteration '
          + m.failures[m.failures.length - 1][0] + ': ' + m.failures[m.failures.length - 1][1];
      div.appendChild(f);
    }
    return div;
  }

  async function refresh() {
    try {
      const sessions = await (await fetch('/ganeval4j/api/sessions')).json();
      const ids = sessions.map(s => s.id);
      if (ids.join() !== Array.from(sel.options).map(o => o.value).join()) {
        sel.innerHTML = '';
        for (const s of sessions) {
          const o = document.createElement('option');
          o.value = s.id;
          o.textContent = s.id + (s.description && s.description !== s.id ? ' — ' + s.description : '');
          sel.appendChild(o);
        }
        if (current && ids.includes(current)) sel.value = current;
      }
      current = sel.value || null;
      if (!current) {
        document.getElementById('status').textContent = 'no ganeval4j session yet';
        return;
      }
      const data = await (await fetch('/ganeval4j/api/sessions/' + encodeURIComponent(current))).json();
      const charts = document.getElementById('charts');
      charts.innerHTML = '';
      for (const name in data.metrics) charts.appendChild(chart(name, data.metrics[name]));
      document.getElementById('status').textContent = 'iteration ' + data.lastIteration;
      if (data.samplesIteration >= 0) {
        document.getElementById('samples').src = '/ganeval4j/api/sessions/' + encodeURIComponent(current)
            + '/samples.png?it=' + data.samplesIteration;
        document.getElementById('samples-iteration').textContent = '(iteration ' + data.samplesIteration + ')';
      }
    } catch (e) {
      document.getElementById('status').textContent = 'UI server unreachable: ' + e;
    }
  }

  sel.addEventListener('change', () => { current = sel.value; refresh(); });
  refresh();
  setInterval(refresh, 5000);
})();
