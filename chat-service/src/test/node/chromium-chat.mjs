// Drives chat-service's page (GET /) in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core), one page on each of two instances that share one Redis. Usage:
//   node chromium-chat.mjs <url1> <url2> [screenshot.png]
// (or CHAT_URL_1 / CHAT_URL_2 / SCREENSHOT; CHROMIUM overrides the browser's path).
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { chromium } from "playwright-core";

const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 15_000);
const OVERALL_TIMEOUT_MS = Number(process.env.OVERALL_TIMEOUT_MS || 120_000);

const base = (url) => (url || "").replace(/\/+$/, "").replace(/\/chatHub$/i, "");
const URL1 = base(process.argv[2] || process.env.CHAT_URL_1);
const URL2 = base(process.argv[3] || process.env.CHAT_URL_2);
const SCREENSHOT = resolve(process.argv[4] || process.env.SCREENSHOT || "../../../target/chromium-chat.png");
const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";
if (!URL1 || !URL2) {
    console.error("usage: node chromium-chat.mjs <url of instance 1> <url of instance 2> [screenshot.png]");
    process.exit(2);
}
console.log(`# instance 1: ${URL1}`);
console.log(`# instance 2: ${URL2}`);

let browser;
const overall = setTimeout(async () => {
    console.log(`not ok - the whole run took longer than ${OVERALL_TIMEOUT_MS} ms`);
    process.exit(3);
}, OVERALL_TIMEOUT_MS);
overall.unref();

let counter = 0;
async function check(name, fn) {
    counter++;
    try {
        await fn();
        console.log(`ok ${counter} - ${name}`);
    } catch (err) {
        console.log(`not ok ${counter} - ${name}`);
        console.log(String(err && err.stack ? err.stack : err).replace(/^/gm, "    "));
        await dumpPages();
        if (browser) await browser.close().catch(() => {});
        process.exit(1);
    }
}

const pages = [];

async function dumpPages() {
    for (const p of pages) {
        try {
            const state = await p.page.evaluate(() => ({
                connection: document.querySelector("[data-testid=connection-state]")?.textContent,
                room: document.querySelector("[data-testid=current-room]")?.textContent,
                error: document.querySelector("[data-testid=error]")?.textContent,
                messages: [...document.querySelectorAll("[data-testid=messages] li")].map((li) => li.textContent),
            }));
            console.log(`# ${p.name}: ${JSON.stringify(state)}`);
        } catch (err) {
            console.log(`# ${p.name}: ${err.message}`);
        }
        for (const line of p.console) console.log(`# ${p.name} console: ${line}`);
    }
}

// Records the WebSockets a page opens, so that a test can drop them like a network would.
function recordWebSockets() {
    const Native = window.WebSocket;
    window.__sockets = [];
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            window.__sockets.push(this);
        }
    };
}

async function openPage(name, url) {
    const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const p = { name, url, context, page, console: [], errors: [], requests: [] };
    page.on("console", (m) => p.console.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => p.errors.push(String(e)));
    page.on("request", (r) => p.requests.push(r.url()));
    await page.addInitScript(recordWebSockets);
    pages.push(p);
    const response = await page.goto(url + "/");
    assert.equal(response.status(), 200, `GET ${url}/`);
    return p;
}

const state = (p) => p.page.locator("[data-testid=connection-state]");
const texts = (p) => p.page.locator("[data-testid=messages] li").allTextContents();

async function connectionState(p, wanted) {
    await p.page.waitForFunction((s) => document.querySelector("[data-testid=connection-state]")?.dataset.state === s, wanted);
    assert.equal(await state(p).textContent(), wanted);
}

// Waits until the page's message list has an item whose text is exactly `text`.
async function shows(p, text) {
    try {
        await p.page.waitForFunction((t) => [...document.querySelectorAll("[data-testid=messages] li")].some((li) => li.textContent === t), text);
    } catch (err) {
        throw new Error(`${p.name} does not show ${JSON.stringify(text)}; it shows ${JSON.stringify(await texts(p))}`);
    }
}

async function count(p, text) {
    return (await texts(p)).filter((t) => t === text).length;
}

async function setUserAndJoin(p, user, room) {
    await p.page.getByLabel("Your name", { exact: true }).fill(user);
    await p.page.getByLabel("Room", { exact: true }).fill(room);
    await p.page.getByTestId("join").click();
    await p.page.waitForFunction((r) => document.querySelector("[data-testid=current-room]")?.dataset.room === r, room);
}

async function say(p, text) {
    const input = p.page.getByTestId("message-input");
    await input.fill(text);
    await input.press("Enter");
    await p.page.waitForFunction(() => document.querySelector("[data-testid=message-input]").value === "");
}

// ---- the run ----

const run = randomUUID().slice(0, 8);
const room = `browser-${run}`;
let P1, P2;

await check(`launch ${EXECUTABLE} headless`, async () => {
    browser = await chromium.launch({
        executablePath: EXECUTABLE,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    console.log(`# chromium ${browser.version()}`);
});

await check("page 1 loads from instance 1 and connects", async () => {
    P1 = await openPage("page 1", URL1);
    await connectionState(P1, "connected");
});

await check("page 2 loads from instance 2 and connects", async () => {
    P2 = await openPage("page 2", URL2);
    await connectionState(P2, "connected");
});

await check("the page loads the SignalR client from the service itself (/lib/signalr.min.js), nothing from elsewhere", async () => {
    for (const p of [P1, P2]) {
        const origin = new URL(p.url).origin;
        assert.ok(p.requests.some((u) => u === `${origin}/lib/signalr.min.js`), `${p.name} requested /lib/signalr.min.js: ${p.requests}`);
        const foreign = p.requests.filter((u) => new URL(u).origin !== origin);
        assert.deepEqual(foreign, [], `${p.name} requested only its own origin`);
        const version = await p.page.evaluate(() => window.signalR && window.signalR.VERSION);
        assert.match(String(version), /^(8|9|10)\./, `${p.name}: signalR.VERSION`);
    }
    const response = await P1.page.request.get(`${URL1}/lib/signalr.min.js`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-type"] || "", /javascript/);
});

await check(`both set user names and join ${room}`, async () => {
    await setUserAndJoin(P1, "alice", room);
    await setUserAndJoin(P2, "bob", room);
    const p2id = await P2.page.evaluate(() => window.chat.connection.connectionId);
    assert.ok(p2id, "page 2 has a connection id");
    await shows(P1, `${room} · System: ${p2id} has joined the room ${room}`);
    await shows(P2, `${room} · System: ${p2id} has joined the room ${room}`);
});

const hello = `hello from page 1 (${run})`;
const payload = "<script>window.pwned=1</script><b>bold</b>";

await check("page 1 sends with Enter; page 2 (other instance) shows it", async () => {
    await say(P1, hello);
    await shows(P2, `${room} · alice: ${hello}`);
    await shows(P1, `${room} · alice: ${hello}`);
});

await check("page 2 sends markup; page 1 shows it literally as text, nothing runs or renders", async () => {
    await say(P2, payload);
    await shows(P1, `${room} · bob: ${payload}`);
    await shows(P2, `${room} · bob: ${payload}`);
    for (const p of [P1, P2]) {
        const dom = await p.page.evaluate(() => ({
            bold: document.querySelectorAll("[data-testid=messages] b").length,
            scripts: document.querySelectorAll("[data-testid=messages] script").length,
            pwned: typeof window.pwned,
        }));
        assert.deepEqual(dom, { bold: 0, scripts: 0, pwned: "undefined" }, `${p.name}: markup stayed text`);
    }
});

const away = [`while page 1 was away 1 (${run})`, `while page 1 was away 2 (${run})`];

await check("page 1 loses its connection: shows reconnecting, then reconnects, rejoins and fills the gap from history", async () => {
    // Hold page 1's reconnect (its negotiate) until page 2 has spoken, so there is a gap to fill.
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    await P1.page.route("**/chatHub/negotiate**", async (route) => {
        await gate;
        await route.continue();
    });
    const oldId = await P1.page.evaluate(() => window.chat.connection.connectionId);
    await P1.page.evaluate(() => window.__sockets.forEach((s) => s.close(4000, "test: network drop")));
    await connectionState(P1, "reconnecting");
    for (const text of away) await say(P2, text);
    await shows(P2, `${room} · bob: ${away[1]}`);
    release();
    await connectionState(P1, "connected");
    await P1.page.unroute("**/chatHub/negotiate**");
    const newId = await P1.page.evaluate(() => window.chat.connection.connectionId);
    assert.notEqual(newId, oldId, "a new connection");
    await shows(P2, `${room} · System: ${newId} has joined the room ${room}`);
    for (const text of away) await shows(P1, `${room} · bob: ${text}`);
    for (const text of [`${room} · alice: ${hello}`, `${room} · bob: ${payload}`, ...away.map((t) => `${room} · bob: ${t}`)]) {
        assert.equal(await count(P1, text), 1, `page 1 shows ${JSON.stringify(text)} once: ${JSON.stringify(await texts(P1))}`);
    }
    const list = await texts(P1);
    assert.ok(list.indexOf(`${room} · bob: ${payload}`) < list.indexOf(`${room} · bob: ${away[0]}`)
        && list.indexOf(`${room} · bob: ${away[0]}`) < list.indexOf(`${room} · bob: ${away[1]}`), `in order: ${JSON.stringify(list)}`);
});

await check("after the reconnect, messages flow both ways again", async () => {
    const back = `page 1 is back (${run})`;
    await say(P1, back);
    await shows(P2, `${room} · alice: ${back}`);
    const reply = `welcome back (${run})`;
    await say(P2, reply);
    await shows(P1, `${room} · bob: ${reply}`);
});

await check("page 2 leaves; page 1 sees the leave notice", async () => {
    const p2id = await P2.page.evaluate(() => window.chat.connection.connectionId);
    await P2.page.getByTestId("leave").click();
    await P2.page.waitForFunction(() => document.querySelector("[data-testid=current-room]")?.dataset.room === "");
    await shows(P1, `${room} · System: ${p2id} has left the room ${room}`);
});

await check(`screenshot of page 1 saved to ${SCREENSHOT}`, async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await P1.page.screenshot({ path: SCREENSHOT, fullPage: true });
});

await check("no script errors on either page", async () => {
    for (const p of pages) assert.deepEqual(p.errors, [], `${p.name} page errors`);
});

await browser.close();
console.log(`# all ${counter} checks passed`);
process.exit(0);
