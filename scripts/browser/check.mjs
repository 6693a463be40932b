// Browser test of `dossier serve`: drives headless Chromium over the DevTools protocol
// (Node's own WebSocket and fetch, no packages), as a user would: loads the search page,
// types a query, clicks a facet, an entity, a document and the timeline, checks what each
// page shows, and saves a screenshot of each.
//
// Usage: node --experimental-websocket scripts/browser/check.mjs BASE_URL OUT_DIR
// Environment: CHROMIUM (default: chromium).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error("usage: check.mjs BASE_URL OUT_DIR");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "dossier-browser-"));
const browser = spawn(process.env.CHROMIUM || "chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
  "--remote-debugging-port=0", `--user-data-dir=${profile}`, "--window-size=1280,1000",
  "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

let failures = 0, passed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log(`ok   ${what}`); }
  else { failures++; console.log(`FAIL ${what}`); }
}

function devtoolsUrl() {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error("chromium did not start: " + text)), 30000);
    browser.stderr.on("data", (chunk) => {
      text += chunk;
      const m = text.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    browser.on("exit", (code) => reject(new Error(`chromium exited (${code}): ${text}`)));
  });
}

const ws = new WebSocket(await devtoolsUrl());
await new Promise((r, e) => { ws.onopen = r; ws.onerror = e; });
let nextId = 1;
const pending = new Map();
const listeners = [];
const violations = [];
ws.onmessage = (msg) => {
  const m = JSON.parse(msg.data);
  if (m.id && pending.has(m.id)) {
    const { resolve, reject } = pending.get(m.id);
    pending.delete(m.id);
    m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result);
  } else if (m.method) {
    if (m.method === "Log.entryAdded" && /Content Security Policy|Refused/.test(m.params.entry.text)) {
      violations.push(m.params.entry.text);
    }
    for (const l of listeners.slice()) l(m);
  }
};
function send(method, params = {}, sessionId) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function once(method, timeout = 20000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${method} in ${timeout} ms`)), timeout);
    const l = (m) => {
      if (m.method === method) {
        clearTimeout(timer);
        listeners.splice(listeners.indexOf(l), 1);
        resolve(m.params);
      }
    };
    listeners.push(l);
  });
}

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
const s = (method, params) => send(method, params, sessionId);
await s("Page.enable");
await s("Runtime.enable");
await s("Log.enable");

async function js(expression) {
  const r = await s("Runtime.evaluate", { expression, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}
async function loaded(action) {
  const load = once("Page.loadEventFired");
  await action();
  await load;
}
async function goto(url) { await loaded(() => s("Page.navigate", { url })); }
async function key(keyName, code, text) {
  const vk = { Enter: 13, Tab: 9 }[keyName];
  await s("Input.dispatchKeyEvent", { type: "keyDown", key: keyName, code, text, windowsVirtualKeyCode: vk });
  await s("Input.dispatchKeyEvent", { type: "keyUp", key: keyName, code, windowsVirtualKeyCode: vk });
}
async function click(selector) {
  const box = await js(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
    if (!e) return null; e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
    return {x: r.x + r.width / 2, y: r.y + r.height / 2, text: e.textContent.trim()}; })()`);
  if (!box) throw new Error(`nothing matches ${selector}`);
  await loaded(async () => {
    for (const type of ["mousePressed", "mouseReleased"]) {
      await s("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
    }
  });
  return box.text;
}
async function shot(name) {
  const { data } = await s("Page.captureScreenshot", { format: "png" });
  const file = join(out, `${name}.png`);
  writeFileSync(file, Buffer.from(data, "base64"));
  console.log(`     screenshot ${file}`);
}
const text = (sel) => js(`(document.querySelector(${JSON.stringify(sel)}) || {}).textContent || ""`);
const count = (sel) => js(`document.querySelectorAll(${JSON.stringify(sel)}).length`);
const total = async () => Number(((await text(".count")).match(/(\d+) documents match/) || [])[1] || 0);
const labelled = () => js(`[...document.querySelectorAll("input:not([type=hidden]), select")]
  .every((e) => e.labels && e.labels.length > 0)`);

try {
  // The search page: keyboard first.
  await goto(base + "/");
  check((await text("h1")).startsWith("Search"), "search page loads");
  check(await labelled(), "every form field has a label");
  check(await js("document.activeElement.id") === "q", "the query field has the focus");
  await shot("1-home");
  // On a page without a focused field, Tab reaches the skip link first, and Enter on it
  // moves the focus to the main content.
  await goto(base + "/timeline");
  await key("Tab", "Tab");
  check(await js("document.activeElement.className") === "skip", "Tab reaches the skip link first");
  await key("Enter", "Enter", "\r");
  await new Promise((r) => setTimeout(r, 200));
  check(await js("document.activeElement.id") === "main", "the skip link moves the focus to the content");
  await goto(base + "/");

  // Type a query and press Enter.
  await js(`document.getElementById("q").focus()`);
  await s("Input.insertText", { text: "export controls" });
  await loaded(() => key("Enter", "Enter", "\r"));
  const all = await total();
  check(all > 0, `typing a query shows hits (${all} documents match)`);
  check(await count("li.hit") > 0 && await count("mark.hit") > 0, "hits with marked terms");
  check(decodeURIComponent(await js("location.search")).includes("q=export+controls"), "the query is in the URL");
  await shot("2-results");

  // Click a GPE facet: a filter is added and the count shrinks or stays.
  const facet = await click('nav.facets a[href*="label=GPE"]');
  const narrowed = await total();
  check((await text("ul.active")).includes(`entity: ${facet}`), `clicking the facet "${facet}" adds a filter`);
  check(narrowed > 0 && narrowed <= all, `the facet narrows the hits (${all} -> ${narrowed})`);
  await shot("3-facet");

  // Follow an entity link from a snippet (or a chip) to the entity page.
  const entity = await click("p.snippet a.ent, a.chip");
  check((await text("h1")).includes(entity), `clicking "${entity}" opens its page`);
  check((await text(".count")).includes("Mentioned in"), "the entity page counts documents");
  check(await count("figure.chart svg rect") > 0 || (await text("#when + p")).includes("No sentence"), "the entity page has a timeline");
  await shot("4-entity");

  // Open a document from the entity page.
  const title = await click("li.hit h3 a");
  check((await text("h1")) === title, `the document "${title}" opens`);
  check(await count("article.doc mark.m") > 0, "its entities and dates are marked");
  await shot("5-document");

  // The timeline of the first search.
  await goto(base + "/?q=export+controls");
  await click('a[href^="/timeline"]:not([aria-current])');
  check(await count("figure.chart svg rect.bar") > 0, "the timeline draws a chart");
  check(await count("div.event") > 0, "the timeline lists dated sentences");
  await shot("6-timeline");

  // A bad query: the message is shown in the page.
  await goto(base + "/?q=" + encodeURIComponent("(a AND b"));
  check((await text("p.error")).includes("parenthesis"), "a bad query shows why");
  await shot("7-bad-query");

  check(violations.length === 0, `no Content-Security-Policy violation ${violations.join(" | ")}`);
} catch (e) {
  failures++;
  console.log(`FAIL ${e.message}`);
} finally {
  ws.close();
  const exited = new Promise((r) => browser.once("exit", r));
  browser.kill();
  await exited;
  // Chromium's helper processes may still write into the profile for a moment after the
  // browser exits: retry for a few seconds, and never let the cleanup fail the test.
  for (let attempt = 0; ; attempt++) {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      break;
    } catch (err) {
      if (attempt >= 10) {
        console.error(`warning: could not remove the browser profile ${profile}: ${err.message}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
