'use strict';
// Drop copy risk dashboard: logs in against Karaf's realm, then follows /dropcopy/api/stream (Server-Sent Events).
(function () {
  const API = '/dropcopy/api';
  const H = { 'X-Dropcopy': '1' };
  const state = { positions: new Map(), tape: [], alerts: new Map(), rates: [], lat: [], sort: { k: 'account', asc: true },
                  admin: false, es: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function row(cells, cls) {
    const tr = el('tr', null, cls);
    for (const c of cells) {
      if (c instanceof Node) { const td = el('td'); td.appendChild(c); tr.appendChild(td); }
      else if (Array.isArray(c)) tr.appendChild(el('td', c[0], c[1]));
      else tr.appendChild(el('td', c));
    }
    return tr;
  }
  const key = (p) => p.group + '\u001f' + p.account + '\u001f' + p.securityId + '\u001f' + p.tradeDate;
  const signed = (n) => n === null || n === undefined ? '' : n > 0 ? '+' + n : String(n);
  const netCls = (n) => 'n ' + (n > 0 ? 'long' : n < 0 ? 'short' : '');
  const time = (t) => t ? t.replace('T', ' ').replace('Z', '').substring(11, 23) : '';

  // ---- login
  async function me() {
    const r = await fetch(API + '/me', { headers: H, credentials: 'same-origin' });
    return r.ok ? r.json() : null;
  }
  async function login(ev) {
    ev.preventDefault();
    $('login-error').textContent = '';
    const body = new URLSearchParams({ user: $('user').value, password: $('password').value });
    const r = await fetch(API + '/login', { method: 'POST', headers: H, body, credentials: 'same-origin' });
    if (!r.ok) {
      let msg = 'login refused';
      try { msg = (await r.json()).error; } catch (e) { /* keep */ }
      $('login-error').textContent = msg;
      return;
    }
    start(await me());
  }
  async function logout() {
    await fetch(API + '/logout', { method: 'POST', headers: H, credentials: 'same-origin' });
    if (state.es) state.es.close();
    location.reload();
  }
  function start(user) {
    if (!user) { $('login').classList.remove('hidden'); return; }
    state.admin = user.admin;
    $('who').textContent = user.user + (user.admin ? ' (admin)' : ' (viewer)');
    $('login').classList.add('hidden');
    connect();
    breaks();
    setInterval(breaks, 3000);
  }

  // ---- reconciliation breaks (GET /breaks: [] when dropcopy-recon is not installed; the panel shows only with breaks)
  async function breaks() {
    let list = [];
    try {
      const r = await fetch(API + '/breaks', { headers: H, credentials: 'same-origin' });
      if (!r.ok) return;
      list = await r.json();
    } catch (e) { return; }
    const tb = $('breaks').tBodies[0];
    tb.replaceChildren();
    for (const b of list) {
      const tr = row([time(b.raisedAt), [b.type, 'WARNING'], b.group, b.tradeDate, b.orderId || '', b.summary || '']);
      tr.title = Object.entries(b.evidence || {}).map(([k, v]) => k + '=' + v).join('  ');
      tb.appendChild(tr);
    }
    $('break-count').textContent = list.length ? String(list.length) : '';
    $('breaks-box').classList.toggle('hidden', list.length === 0);
  }

  // ---- stream
  function connect() {
    const es = new EventSource(API + '/stream', { withCredentials: true });
    state.es = es;
    es.onopen = () => { $('conn').textContent = 'live'; $('conn').className = 'badge live'; };
    es.onerror = () => {
      $('conn').textContent = 'reconnecting'; $('conn').className = 'badge down';
      me().then((u) => { if (!u) { es.close(); $('login').classList.remove('hidden'); } });
    };
    es.addEventListener('snapshot', (m) => {
      const s = JSON.parse(m.data);
      state.positions.clear();
      for (const p of s.positions) state.positions.set(key(p), p);
      state.tape = s.tape;
      state.alerts.clear();
      for (const a of s.alerts) if (a.state === 'RAISED') state.alerts.set(a.id, a);
      state.rates = s.rates.slice();
      state.lat = (s.latencies || []).slice();
      sessions(s.stats); renderPositions(); renderTape(); renderAlerts(); chart();
    });
    es.addEventListener('tape', (m) => {
      state.tape.unshift(JSON.parse(m.data));
      if (state.tape.length > 300) state.tape.length = 300;
      renderTape(true);
    });
    es.addEventListener('positions', (m) => {
      const changed = new Set();
      for (const p of JSON.parse(m.data)) { state.positions.set(key(p), p); changed.add(key(p)); }
      renderPositions(changed);
    });
    es.addEventListener('alert', (m) => {
      const a = JSON.parse(m.data);
      if (a.state === 'RAISED') state.alerts.set(a.id, a); else state.alerts.delete(a.id);
      renderAlerts();
    });
    es.addEventListener('stats', (m) => {
      const s = JSON.parse(m.data);
      state.rates.push(s.rate);
      if (state.rates.length > 120) state.rates.shift();
      state.lat.push(s.latencyMicros === undefined ? -1 : s.latencyMicros);
      if (state.lat.length > 120) state.lat.shift();
      sessions(s); chart();
    });
  }

  // ---- rendering
  // gaps CME could not resend (from the sessions) and dead letters not replayed (fetched when their count changes)
  let problemKey = null;
  async function problems(stats) {
    const key = JSON.stringify(stats.sessions.map((s) => [s.name, s.deadLetters, s.unrecoverableGaps]));
    if (key === problemKey) return;
    problemKey = key;
    let letters = [];
    if (stats.sessions.some((s) => s.deadLetters > 0)) {
      const r = await fetch(API + '/dead-letters?max=100', { headers: H, credentials: 'same-origin' });
      if (r.ok) letters = await r.json();
    }
    const tb = $('problems').tBodies[0];
    tb.replaceChildren();
    let n = 0;
    for (const s of stats.sessions) {
      for (const g of s.unrecoverableGaps) {
        tb.appendChild(row(['', s.name, ['', 'n'], ['unrecoverable gap ' + g, 'short']]));
        n++;
      }
    }
    for (const d of letters) {
      const tr = row([time(d.time), d.session, [d.seqNum, 'n'], 'dead letter: ' + (d.reason || '')]);
      tr.title = d.raw || '';
      tb.appendChild(tr);
      n++;
    }
    if (!n) tb.appendChild(row([['no gap, no dead letter', 'muted'], '', '', '']));
    $('problem-count').textContent = n ? String(n) : '';
  }

  function sessions(stats) {
    problems(stats).catch(() => { problemKey = null; });
    const tb = $('sessions').tBodies[0];
    tb.replaceChildren();
    let received = 0;
    for (const s of stats.sessions) {
      received += s.received;
      tb.appendChild(row([s.name, s.group, [s.health, 'badge ' + s.health], s.state, [s.nextTargetSeqNum, 'n'],
        [s.nextSenderSeqNum, 'n'], [s.received.toLocaleString(), 'n'], [s.deadLetters, 'n' + (s.deadLetters ? ' short' : '')],
        [s.unrecoverableGaps.join('; ') || '-', s.unrecoverableGaps.length ? 'short' : 'muted'], time(s.lastMessageTime)]));
      tb.lastChild.title = s.reason;
    }
    $('clock').textContent = stats.time.substring(11, 19) + ' UTC';
    $('summary').textContent = stats.sessions.length + ' session(s) · ' + received.toLocaleString() + ' msgs';
  }

  function renderPositions(changed) {
    const acc = $('f-account').value.trim().toUpperCase();
    const sym = $('f-symbol').value.trim().toUpperCase();
    const date = $('f-date').value;
    const dates = new Set();
    const rows = [];
    for (const p of state.positions.values()) {
      if (p.tradeDate !== '*') dates.add(p.tradeDate);
      if (acc && !p.account.toUpperCase().startsWith(acc)) continue;
      if (sym && !(p.description || '').toUpperCase().startsWith(sym) && p.securityId !== sym) continue;
      if (date && p.tradeDate !== date) continue;
      rows.push(p);
    }
    const sel = $('f-date');
    for (const d of [...dates].sort().reverse()) {
      if (![...sel.options].some((o) => o.value === d)) sel.appendChild(el('option', d)).value = d;
    }
    const { k, asc } = state.sort;
    rows.sort((a, b) => {
      let x = a[k], y = b[k];
      if (k.endsWith('Px')) { x = x === null ? -Infinity : +x; y = y === null ? -Infinity : +y; }
      const c = x < y ? -1 : x > y ? 1 : 0;
      return (asc ? c : -c) || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0)
        || (a.tradeDate < b.tradeDate ? 1 : -1);
    });
    const tb = $('positions').tBodies[0];
    tb.replaceChildren();
    for (const p of rows) {
      const tr = row([p.group, p.account, [p.description || p.securityId], [p.tradeDate === '*' ? 'running' : p.tradeDate, p.tradeDate === '*' ? 'muted' : ''],
        [signed(p.net), netCls(p.net)], [p.boughtQty, 'n'], [p.soldQty, 'n'], [p.fills, 'n'], [p.avgBuyPx || '-', 'n'],
        [p.avgSellPx || '-', 'n'], time(p.lastFillTime)], changed && changed.has(key(p)) ? 'flash' : '');
      tr.title = 'security id ' + p.securityId;
      tb.appendChild(tr);
    }
    $('pos-count').textContent = rows.length + ' of ' + state.positions.size;
    for (const th of $('positions').tHead.rows[0].cells) {
      th.classList.toggle('sorted', th.dataset.k === k);
      th.classList.toggle('asc', th.dataset.k === k && asc);
    }
  }

  function renderTape(flashFirst) {
    const tb = $('tape').tBodies[0];
    tb.replaceChildren();
    state.tape.slice(0, 200).forEach((e, i) => {
      const refused = e.outcome.startsWith('refused');
      const cls = [e.kind, refused ? 'refused' : '', flashFirst && i === 0 ? 'flash' : ''].join(' ');
      const tr = row([time(e.time), e.kind === 'partial_fill' ? 'partial' : e.kind, e.account, [e.side, e.side === 'BUY' ? 'long' : 'short'], [e.qty, 'n'],
        e.description || e.securityId, [e.price, 'n'], [signed(e.netAfter), netCls(e.netAfter)],
        [e.outcome, e.outcome === 'applied' ? 'muted' : '']], cls);
      tr.title = 'execId ' + e.execId + ' order ' + e.orderId;
      tb.appendChild(tr);
    });
  }

  function renderAlerts() {
    const tb = $('alerts').tBodies[0];
    tb.replaceChildren();
    const list = [...state.alerts.values()].sort((a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'CRITICAL' ? -1 : 1) || (a.raisedAt < b.raisedAt ? 1 : -1));
    for (const a of list) {
      let ack = '';
      if (state.admin) {
        ack = el('button', 'ack');
        ack.onclick = () => fetch(API + '/alerts/ack', { method: 'POST', headers: H, credentials: 'same-origin',
          body: new URLSearchParams({ id: a.id }) });
      }
      tb.appendChild(row([time(a.raisedAt), [a.severity, a.severity], a.type.replace(/_/g, ' ').toLowerCase(), a.message, ack]));
    }
    if (!list.length) tb.appendChild(row([['no active alert', 'muted'], '', '', '', '']));
    $('alert-count').textContent = list.length ? String(list.length) : '';
  }

  function chart() {
    const c = $('chart');
    const ctx = c.getContext('2d');
    const w = c.width, h = c.height;
    ctx.clearRect(0, 0, w, h);
    const data = state.rates;
    const max = Math.max(10, ...data);
    ctx.strokeStyle = '#262d36'; ctx.fillStyle = '#8b949e'; ctx.font = '10px monospace';
    for (const f of [0.5, 1]) {
      const y = h - 12 - (h - 20) * f;
      ctx.beginPath(); ctx.moveTo(30, y); ctx.lineTo(w, y); ctx.stroke();
      ctx.fillText(String(Math.round(max * f)), 0, y + 3);
    }
    ctx.fillText('-120 s', 30, h - 1); ctx.fillText('now', w - 20, h - 1);
    ctx.strokeStyle = '#58a6ff'; ctx.lineWidth = 1.5; ctx.beginPath();
    data.forEach((v, i) => {
      const x = 30 + (w - 32) * (i + 120 - data.length) / 119;
      const y = h - 12 - (h - 20) * v / max;
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke();
    // end-to-end latency (mean of each second, CME SendingTime to the sinks), right-hand scale in ms; gaps where
    // no message came
    const lat = state.lat;
    const lmax = Math.max(1, ...lat.map((v) => v / 1000));
    ctx.fillStyle = '#d29922';
    ctx.fillText(fmtMs(lmax), w - 40, h - 12 - (h - 20) + 3);
    ctx.strokeStyle = '#d29922'; ctx.lineWidth = 1.2; ctx.beginPath();
    let pen = false;
    lat.forEach((v, i) => {
      if (v < 0) { pen = false; return; }
      const x = 30 + (w - 32) * (i + 120 - lat.length) / 119;
      const y = h - 12 - (h - 20) * (v / 1000) / lmax;
      if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      pen = true;
    });
    ctx.stroke();
    $('rate').textContent = data.length ? data[data.length - 1] + '/s' : '';
    const lastLat = [...lat].reverse().find((v) => v >= 0);
    $('latency').textContent = lastLat === undefined ? '' : fmtMs(lastLat / 1000);
  }
  const fmtMs = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms)) + ' ms';

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    for (const id of ['f-account', 'f-symbol', 'f-date']) $(id).addEventListener('input', () => renderPositions());
    for (const th of $('positions').tHead.rows[0].cells) {
      th.addEventListener('click', () => {
        state.sort = { k: th.dataset.k, asc: state.sort.k === th.dataset.k ? !state.sort.asc : th.dataset.k !== 'net' };
        renderPositions();
      });
    }
    me().then(start);
  });
})();
