// Drives the risk dashboard in headless Chromium over the DevTools protocol (no npm package needed):
// logs in, waits for a fill on the tape and the position it changed, an alert, a bust if the simulator sends one,
// and writes a screenshot of each state. Run against a running Karaf with the simulator (feature dropcopy-demo):
//   node --experimental-websocket dashboard-test.mjs http://127.0.0.1:8181 karaf karaf target/browser
// Exit code 0 when every required state was seen; the last line says what was seen.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8181', user = 'karaf', password = 'karaf', out = 'target/browser'] = process.argv.slice(2);
const timeoutMs = +(process.env.DASHBOARD_TIMEOUT_MS || 90000);
mkdirSync(out, { recursive: true });
if (typeof WebSocket === 'undefined') {
  console.error('this Node has no WebSocket: run with --experimental-websocket (Node 20) or Node >= 22');
  process.exit(2);
}

const browser = spawn(process.env.CHROMIUM || 'chromium', ['--headless=new', '--no-sandbox', '--disable-gpu',
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
  seen.push('wrong password refused');
  await evaluate(`document.getElementById('password').value = ${JSON.stringify(password)};
    document.getElementById('login-button').click(); true`);
  await until('logged in and live', "document.getElementById('conn').textContent === 'live'");
  seen.push('logged in');
  const first = await until('a fill on the tape', `(() => { const r = [...document.querySelectorAll('#tape tbody tr')]
    .find((tr) => /fill/.test(tr.cells[1].textContent)); return r && [...r.cells].map((c) => c.textContent); })()`);
  seen.push('fill on tape: ' + first.join(' '));
  await shot('2-fill-on-tape');
  const account = first[2], instrument = first[5];
  const netOf = `(() => { const r = [...document.querySelectorAll('#positions tbody tr')].find((tr) =>
    tr.cells[1].textContent === ${JSON.stringify(account)} && tr.cells[2].textContent === ${JSON.stringify(instrument)}
    && tr.cells[3].textContent !== 'running'); return r ? r.cells[4].textContent : null; })()`;
  const before = await until('its position', netOf);
  await until('the position changing', `(${netOf}) !== ${JSON.stringify(before)}`);
  seen.push('position ' + account + ' ' + instrument + ' ' + before + ' -> ' + (await evaluate(netOf)));
  await shot('3-position-changed');
  const alert = await until('an alert', `(() => { const r = document.querySelector('#alerts tbody tr');
    return r && r.cells[3].textContent ? r.cells[3].textContent : null; })()`);
  seen.push('alert: ' + alert);
  await shot('4-alert');
  await evaluate(`document.getElementById('f-account').value = ${JSON.stringify(account)};
    document.getElementById('f-account').dispatchEvent(new Event('input')); true`);
  const rows = await evaluate("[...document.querySelectorAll('#positions tbody tr')].map((tr) => tr.cells[1].textContent)");
  if (!rows.length || rows.some((a) => a !== account)) throw new Error('account filter shows ' + rows.join(','));
  seen.push('filter by account: ' + rows.length + ' row(s)');
  await shot('5-filtered');
  try {
    const bust = await until('a bust', `(() => { const r = [...document.querySelectorAll('#tape tbody tr')]
      .find((tr) => tr.cells[1].textContent === 'bust'); return r && [...r.cells].map((c) => c.textContent).join(' '); })()`,
      +(process.env.DASHBOARD_BUST_MS || 20000));
    seen.push('bust: ' + bust);
    await shot('6-bust');
  } catch (e) {
    seen.push('no bust within the wait (the default simulator scenario sends none; scenario=realistic does)');
  }
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
