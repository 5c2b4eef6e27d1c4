// Drives the risk dashboard in headless Chromium over the DevTools protocol (no npm package needed), against a Karaf
// whose simulator runs scenario=realistic (it sends busts), and writes a screenshot of each state:
//   a wrong password refused; the login; a fill on the tape and its position changing (the chart showing messages/s
//   and latency); a bust whose busted quantity
//   (read from the file sink's journal, the simulator's own message) takes the position back; a position-limit alert
//   raised, then cleared once the limit in etc/ is raised above every position (fileinstall hot-reloads it).
//   DASHBOARD_ETC=<karaf>/etc DASHBOARD_JOURNAL=<karaf>/data/dropcopy \
//   node --experimental-websocket dashboard-test.mjs http://127.0.0.1:8181 karaf karaf target/browser
// Exit code 0 when every state was seen; the last line says what was seen. Run by itests' AssemblyTest.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8181', user = 'karaf', password = 'karaf', out = 'target/browser'] = process.argv.slice(2);
const timeoutMs = +(process.env.DASHBOARD_TIMEOUT_MS || 90000);
// a position change is sought up to this long after the event on the tape that makes it: the positions push is
// coalesced (at most every 250 ms) and comes apart from the tape's
const changeWindowMs = 600;
mkdirSync(out, { recursive: true });
if (typeof WebSocket === 'undefined') {
  console.error('this Node has no WebSocket: run with --experimental-websocket (Node 20) or Node >= 22');
  process.exit(2);
}

const etc = process.env.DASHBOARD_ETC, journal = process.env.DASHBOARD_JOURNAL;
if (!etc || !journal) {
  console.error('set DASHBOARD_ETC (the Karaf etc/ holding io.dropcopy.positions.cfg) and DASHBOARD_JOURNAL (the file sink directory)');
  process.exit(2);
}
const limitsCfg = join(etc, 'io.dropcopy.positions.cfg');

const browser = spawn(process.env.CHROMIUM || 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--remote-debugging-port=0', '--window-size=1440,900', '--user-data-dir=' + mkdtempSync(join(tmpdir(), 'dash-')),
  'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
const wsUrl = await new Promise((resolve, reject) => {
  let err = '';
  browser.stderr.on('data', (d) => {
    err += d;
    const m = /DevTools listening on (ws:\S+)/.exec(err);
    if (m) resolve(m[1]);
  });
  browser.on('exit', (c) => reject(new Error('chromium exited ' + c + ': ' + err)));
});
const port = new URL(wsUrl).port;
const pages = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(pages.find((p) => p.type === 'page').webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r, { once: true }));
let id = 0;
const waiting = new Map();
ws.addEventListener('message', (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
});
const cdp = (method, params = {}) => new Promise((resolve, reject) => {
  const n = ++id;
  waiting.set(n, (msg) => (msg.error ? reject(new Error(method + ': ' + msg.error.message)) : resolve(msg.result)));
  ws.send(JSON.stringify({ id: n, method, params }));
});
const evaluate = async (expr) => (await cdp('Runtime.evaluate', { expression: expr, returnByValue: true })).result.value;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, expr, ms = timeoutMs) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await evaluate(expr);
    if (v) return v;
    await sleep(200);
  }
  throw new Error('not seen within ' + ms + ' ms: ' + what);
}
async function shot(name) {
  const { data } = await cdp('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(out, name + '.png'), Buffer.from(data, 'base64'));
}

// The FIX messages the file sink journalled (one JSON object a line, the inner message in "raw"), as tag maps.
function journalled() {
  const out = [];
  if (!existsSync(journal)) return out;
  for (const group of readdirSync(journal, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(journal, group.name)).filter((n) => n.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(journal, group.name, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let raw;
        try { raw = JSON.parse(line).raw; } catch (e) { continue; } // a line being written
        if (!raw) continue;
        const tags = new Map();
        for (const kv of raw.split(/[\x01|]/)) { const i = kv.indexOf('='); if (i > 0) tags.set(kv.slice(0, i), kv.slice(i + 1)); }
        out.push(tags);
      }
    }
  }
  return out;
}
// What a bust (by its ExecID) takes away, from the journal alone: the busted fill's side and quantity (its latest
// correction's quantity if corrected). Same order and instrument; 37711 where both carry it, else ExecID ends with 19.
function bustedFill(bustExecId) {
  const msgs = journalled();
  const bust = msgs.find((m) => m.get('17') === bustExecId);
  if (!bust) return null;
  const sameTrade = (m) => m !== bust && m.get('37') === bust.get('37') && m.get('48') === bust.get('48')
    && (bust.get('37711') && m.get('37711') ? m.get('37711') === bust.get('37711') : (m.get('17') || '').endsWith(bust.get('19')));
  // iLink 2 (FIX 4.2) says bust with 39=H and 20=1, iLink 3 payloads with 150=H: what refers to the trade and is not a
  // bust is the fill (first in the journal) and its corrections (later)
  const isBust = (m) => m.get('39') === 'H' || m.get('150') === 'H';
  const versions = msgs.filter((m) => sameTrade(m) && !isBust(m));
  if (!versions.length) return null;
  const fill = versions[0];
  const qty = +versions[versions.length - 1].get('32');
  return { side: fill.get('54') === '1' ? 'BUY' : 'SELL', qty, order: bust.get('37') };
}
function setLimits(value) {
  const text = readFileSync(limitsCfg, 'utf8');
  const now = text.replace(/^maxLong\s*=.*$/m, 'maxLong = ' + value).replace(/^maxShort\s*=.*$/m, 'maxShort = ' + value);
  if (now === text) throw new Error('no maxLong/maxShort line to change in ' + limitsCfg);
  writeFileSync(limitsCfg, now);
}
const cfgLimit = (k) => +(new RegExp('^' + k + '\\s*=\\s*(\\d+)', 'm').exec(readFileSync(limitsCfg, 'utf8')) || [0, 0])[1];
const num = (t) => +String(t).replace(/[^0-9-]/g, '');

const seen = [];
let failed = null;
try {
  await cdp('Page.enable');
  await cdp('Runtime.enable');
  await cdp('Page.navigate', { url: base + '/dropcopy/' });
  await until('login form', "document.readyState === 'complete' && !!document.getElementById('login-form')");
  await shot('1-login');
  // a wrong password is refused by the realm
  await evaluate(`document.getElementById('user').value = ${JSON.stringify(user)};
    document.getElementById('password').value = 'not-the-password';
    document.getElementById('login-button').click(); true`);
  await until('refusal shown', "document.getElementById('login-error').textContent.length > 0", 15000);
  if (await evaluate("document.getElementById('conn').textContent === 'live'")) throw new Error('live after a wrong password');
  seen.push('wrong password refused: ' + (await evaluate("document.getElementById('login-error').textContent")));
  await shot('2-login-refused');
  await evaluate(`document.getElementById('password').value = ${JSON.stringify(password)};
    document.getElementById('login-button').click(); true`);
  await until('logged in and live', "document.getElementById('conn').textContent === 'live'");
  seen.push('logged in');
  await shot('3-logged-in');
  // From here every change of the positions table and the tape is recorded in the page, in order, so a position can be
  // compared just before and just after one event whatever else the simulator sends meanwhile.
  await evaluate(`(() => {
    const log = window.__log = [];
    const positions = () => [...document.querySelectorAll('#positions tbody tr')].filter((tr) => tr.cells.length > 4)
      .map((tr) => [tr.cells[1].textContent + '|' + tr.cells[2].textContent + '|' + tr.cells[3].textContent, tr.cells[4].textContent]);
    // new tape rows come first: the top rows say which event has just arrived
    const tape = () => [...document.querySelectorAll('#tape tbody tr')].slice(0, 20).map((tr) => tr.title);
    // each of those rows' account and instrument
    const keys = () => [...document.querySelectorAll('#tape tbody tr')].slice(0, 20)
      .map((tr) => tr.cells.length > 5 ? tr.cells[2].textContent + '|' + tr.cells[5].textContent + '|' : '');
    window.__before = new Set([...document.querySelectorAll('#tape tbody tr')].map((tr) => tr.title));
    new MutationObserver(() => log.push({ t: performance.now(), positions: Object.fromEntries(positions()), tape: tape(), keys: keys() }))
      .observe(document.body, { childList: true, subtree: true });
    return true; })()`);
  const first = await until('a fill on the tape', `(() => { const r = [...document.querySelectorAll('#tape tbody tr')]
    .find((tr) => /fill|partial/.test(tr.cells[1].textContent) && tr.cells[8].textContent === 'applied');
    return r && [...r.cells].map((c) => c.textContent); })()`);
  seen.push('fill on tape: ' + first.join(' '));
  await shot('4-fill-on-tape');
  // the chart's live figures: messages per second and the mean end-to-end latency of the last second with messages
  const figures = await until('messages/s and latency on the chart', `(() => {
    const r = document.getElementById('rate').textContent, l = document.getElementById('latency').textContent;
    return /^\\d+\\/s$/.test(r) && /^[0-9.]+ ms$/.test(l) && r + ' ' + l; })()`, 30000);
  seen.push('chart: ' + figures);
  const account = first[2], instrument = first[5];
  const netOf = `(() => { const r = [...document.querySelectorAll('#positions tbody tr')].find((tr) =>
    tr.cells[1].textContent === ${JSON.stringify(account)} && tr.cells[2].textContent === ${JSON.stringify(instrument)}
    && tr.cells[3].textContent !== 'running'); return r ? r.cells[4].textContent : null; })()`;
  const before = await until('its position', netOf);
  await until('the position changing', `(${netOf}) !== ${JSON.stringify(before)}`);
  seen.push('position ' + account + ' ' + instrument + ' ' + before + ' -> ' + (await evaluate(netOf)));
  await shot('5-position-changed');

  // A bust: its busted fill from the journal, and the position of its account and instrument just before and just
  // after the bust reached the page must differ by exactly that fill.
  // The positions push may carry other events of the same account and instrument as the bust (they come as they
  // happen): such a change is not the bust's alone, so the next bust is taken, up to five; a change that is the
  // bust's alone must be exactly its fill.
  let bust, bustExecId, busted, k, values, changeAt;
  const judged = [];
  for (let attempt = 1; ; attempt++) {
    bust = await until('a new bust applied on the tape', `(() => { const r = [...document.querySelectorAll('#tape tbody tr')]
      .find((tr) => tr.cells[1].textContent === 'bust' && tr.cells[8].textContent === 'applied' && !window.__before.has(tr.title));
      return r && { title: r.title, cells: [...r.cells].map((c) => c.textContent) }; })()`, +(process.env.DASHBOARD_BUST_MS || 120000));
    await evaluate(`window.__before.add(${JSON.stringify(bust.title)}); true`);
    bustExecId = /execId (\S+)/.exec(bust.title)[1];
    busted = await (async () => {
      for (let i = 0; i < 50; i++) { const b = bustedFill(bustExecId); if (b) return b; await sleep(200); }
      throw new Error('bust ' + bustExecId + ' or the fill it refers to is not in the journal ' + journal);
    })();
    // the change may come up to changeWindowMs after the bust (below): the log is read once the page is past that
    await until('the page past the bust\'s change window', `(() => { const s = window.__log.find((s) => s.tape.includes(
      ${JSON.stringify(bust.title)})); return !!s && performance.now() >= s.t + ${changeWindowMs + 100}; })()`);
    const log = await evaluate('window.__log');
    const at = log.findIndex((s) => s.tape.includes(bust.title));
    const prefix = bust.cells[2] + '|' + bust.cells[5] + '|';
    const dated = (s) => Object.keys(s.positions).find((k) => k.startsWith(prefix) && !k.endsWith('|running'));
    k = dated(log[log.length - 1]);
    if (at < 1 || !k) throw new Error('the bust ' + bustExecId + ' or its position was not recorded');
    // the tape and the positions arrive as two pushes, the positions coalesced (at most every 250 ms): the change is
    // the one next to the bust's arrival, or the first within changeWindowMs after it
    values = log.map((s) => s.positions[k]);
    changeAt = -1;
    const near = [at, at + 1, at - 1, at + 2, at - 2];
    for (let i = at + 3; i < log.length && log[i].t <= log[at].t + changeWindowMs; i++) near.push(i);
    for (const i of near) if (i > 0 && i < values.length && values[i] !== values[i - 1]) { changeAt = i; break; }
    // other events of this account and instrument on the tape from changeWindowMs before the change (an earlier event's
    // coalesced push may come with the bust's) to a few entries after the bust: the push may hold them too
    const since = log[changeAt >= 0 ? changeAt : at].t - changeWindowMs;
    let from = Math.min(at, changeAt >= 0 ? changeAt : at);
    while (from > 0 && log[from - 1].t >= since) from--;
    const sameKey = new Set();
    for (let i = from; i < Math.min(log.length, Math.max(at, changeAt) + 6); i++) {
      log[i].tape.forEach((t, j) => { if (t !== bust.title && log[i].keys[j] === prefix) sameKey.add(t); });
    }
    const before = log[Math.max(0, from - 1)].tape;
    const others = [...sameKey].filter((t) => !before.includes(t));
    const expected = changeAt < 0 ? null : num(values[changeAt - 1]) - (busted.side === 'BUY' ? busted.qty : -busted.qty);
    if (changeAt >= 0 && num(values[changeAt]) === expected) break;
    const what = changeAt < 0 ? 'did not change' : 'went ' + values[changeAt - 1] + ' -> ' + values[changeAt] + ', expected ' + expected;
    judged.push('bust ' + bustExecId + ': position ' + k + ' ' + what + (others.length ? ' (with ' + others.length + ' other event(s) of it)' : ''));
    if (others.length === 0 || attempt === 5) {
      throw new Error('bust ' + bustExecId + ' of a ' + busted.side + ' ' + busted.qty + ' (journal): position ' + k + ' '
        + what + (judged.length > 1 ? '; before it: ' + judged.slice(0, -1).join('; ') : ''));
    }
    seen.push('not judged, ' + judged[judged.length - 1]);
  }
  // the screenshot shows the bust on the tape and its position row (filtered to its account and instrument)
  const filter = (a, sym) => evaluate(`document.getElementById('f-account').value = ${JSON.stringify(a)};
    document.getElementById('f-symbol').value = ${JSON.stringify(sym)};
    document.getElementById('f-account').dispatchEvent(new Event('input')); true`);
  await filter(bust.cells[2], bust.cells[5]);
  await shot('6-bust');
  await filter('', '');
  seen.push('bust ' + bustExecId + ' of a ' + busted.side + ' ' + busted.qty + ' (order ' + busted.order + ', journal): ' + k
    + ' ' + values[changeAt - 1] + ' -> ' + values[changeAt]);

  // A position-limit alert: raised over the demo's limit (read from etc/, not from the page) ...
  const maxLong = cfgLimit('maxLong'), maxShort = cfgLimit('maxShort');
  const alert = await until('a position-limit alert', `(() => { const r = [...document.querySelectorAll('#alerts tbody tr')]
    .find((tr) => tr.cells[2].textContent === 'position limit'); return r && r.cells[3].textContent; })()`);
  const over = /^(.*) (long|short) (\d+) over max/.exec(alert);
  if (!over || (over[2] === 'long' ? +over[3] <= maxLong : +over[3] <= maxShort)) {
    throw new Error('alert "' + alert + '" is not over the limits of etc/ (max long ' + maxLong + ', max short ' + maxShort + ')');
  }
  seen.push('alert: ' + alert + ' (etc/: max long ' + maxLong + ', max short ' + maxShort + ')');
  await shot('7-alert');
  // ... and cleared once etc/ allows every position (no position of the demo comes near a million)
  setLimits(1000000);
  await until('the position-limit alerts clearing', `![...document.querySelectorAll('#alerts tbody tr')]
    .some((tr) => tr.cells[2].textContent === 'position limit')`, 60000);
  seen.push('alert cleared after maxLong/maxShort = 1000000 in ' + limitsCfg);
  await shot('8-alert-cleared');

  await evaluate(`document.getElementById('f-account').value = ${JSON.stringify(account)};
    document.getElementById('f-account').dispatchEvent(new Event('input')); true`);
  const rows = await evaluate("[...document.querySelectorAll('#positions tbody tr')].map((tr) => tr.cells[1].textContent)");
  if (!rows.length || rows.some((a) => a !== account)) throw new Error('account filter shows ' + rows.join(','));
  seen.push('filter by account: ' + rows.length + ' row(s)');
  await shot('9-filtered');
} catch (e) {
  failed = e;
  await shot('failure').catch(() => {});
} finally {
  ws.close();
  browser.kill();
}
console.log(seen.map((s) => '  ' + s).join('\n'));
if (failed) {
  console.log('FAILED: ' + failed.message);
  process.exit(1);
}
console.log('OK: ' + seen.length + ' states seen, screenshots in ' + out);
