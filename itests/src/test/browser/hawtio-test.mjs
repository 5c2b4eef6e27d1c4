// Logs in to hawtio in headless Chromium over the DevTools protocol (no npm package needed), opens the Camel plugin and
// finds the demo route in hawtio's Camel tree (its DOM text), with a screenshot of each step:
//   node --experimental-websocket hawtio-test.mjs http://127.0.0.1:8181/hawtio karaf karaf target/hawtio-browser [route]
// Exit code 0 when the route was found; the last line says what was seen. Run by itests' AssemblyTest.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8181/hawtio', user = 'karaf', password = 'karaf', out = 'target/hawtio-browser',
  route = 'dropcopy-demo-jsonl'] = process.argv.slice(2);
const timeoutMs = +(process.env.HAWTIO_TIMEOUT_MS || 90000);
mkdirSync(out, { recursive: true });
if (typeof WebSocket === 'undefined') {
  console.error('this Node has no WebSocket: run with --experimental-websocket (Node 20) or Node >= 22');
  process.exit(2);
}

const browser = spawn(process.env.CHROMIUM || 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--remote-debugging-port=0', '--window-size=1440,900', '--user-data-dir=' + mkdtempSync(join(tmpdir(), 'hawtio-')),
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
async function until(what, expr, ms = timeoutMs, each = null) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await evaluate(expr);
    if (v) return v;
    if (each) await evaluate(each);
    await sleep(300);
  }
  throw new Error('not seen within ' + ms + ' ms: ' + what + ' (page ' + (await evaluate('location.href')) + ')');
}
async function shot(name) {
  const { data } = await cdp('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(out, name + '.png'), Buffer.from(data, 'base64'));
}
// hawtio's forms are AngularJS: a value counts once an input event says so
const type = (selector, value) => `(() => { const e = document.querySelector(${JSON.stringify(selector)});
  e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event('input', { bubbles: true }));
  e.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`;
// the Camel tree (hawtio 2 draws it as a bootstrap treeview, under #cameltree) and its text
const tree = "(document.querySelector('#cameltree') || document.querySelector('.treeview'))";
const treeText = `(${tree} || { textContent: '' }).textContent`;
// opens every collapsed node of the Camel tree, so a route under its context's "Routes" folder is in the DOM
const expandAll = `[...((${tree}) || document).querySelectorAll('.expand-icon')]
  .filter((e) => /plus|right/.test(e.className)).forEach((e) => e.click())`;

const seen = [];
let failed = null;
try {
  await cdp('Page.enable');
  await cdp('Runtime.enable');
  await cdp('Page.navigate', { url: base + '/' });
  await until('hawtio\'s login form', "document.readyState === 'complete' && !!document.querySelector('input[type=password]')");
  seen.push('login form at ' + (await evaluate('location.href')));
  await shot('1-login');
  await evaluate(type('input[type=text], input#username, input[name=username]', user));
  await evaluate(type('input[type=password]', password));
  await evaluate(`(document.querySelector('button[type=submit]') || document.querySelector('form button')).click(); true`);
  await until('logged in (the login form gone, hawtio\'s navigation shown)',
    "!document.querySelector('input[type=password]') && !!document.querySelector('nav, .nav-pf-vertical')");
  seen.push('logged in as ' + user);
  await shot('2-logged-in');
  await cdp('Page.navigate', { url: base + '/camel/contexts' });
  await until('the Camel plugin\'s tree', `!!${tree} && ${treeText}.length > 0`);
  await shot('3-camel-plugin');
  if (!(await evaluate(`${treeText}.includes(${JSON.stringify(route)})`))) {
    await sleep(2000); // the tree fills in as hawtio reads the MBeans
  }
  // the route's own node, shown (its context and "routes" folder expanded), so the screenshot has it
  const routeNode = `[...(${tree}).querySelectorAll('li')].find((li) => li.textContent.trim() === ${JSON.stringify(route)}
    && li.offsetParent !== null)`;
  await until('route ' + route + ' shown in the Camel tree', `!!(${routeNode})`, timeoutMs, expandAll);
  await evaluate(`(${routeNode}).click(); true`);
  seen.push('route ' + route + ' in the Camel tree: ' + (await evaluate(`[...(${tree}).querySelectorAll('li')]
    .filter((li) => li.offsetParent !== null).map((li) => li.textContent.trim()).join(' | ')`)));
  await shot('4-camel-route');
} catch (e) {
  failed = e;
  await shot('failure').catch(() => {});
  console.log('Camel tree text: ' + (await evaluate(treeText).catch(() => '?')));
} finally {
  ws.close();
  browser.kill();
}
console.log(seen.map((s) => '  ' + s).join('\n'));
if (failed) {
  console.log('FAILED: ' + failed.message);
  process.exit(1);
}
console.log('OK: ' + seen.length + ' steps seen, screenshots in ' + out);
