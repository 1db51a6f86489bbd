// Drives chat-service's page (GET /) in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core), one page on each of two instances that share one Redis. Usage:
//   node chromium-chat.mjs <url1> <url2> [screenshot.png]
// (or CHAT_URL_1 / CHAT_URL_2 / SCREENSHOT; CHROMIUM overrides the browser's path).
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { check, done, overall } from "./harness.mjs";
import { closeBrowser, connectionState, count, EXECUTABLE, launch, openPage as open, pages, say, setUserAndJoin, shows, texts } from "./browser.mjs";

const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 15_000);

const base = (url) => (url || "").replace(/\/+$/, "").replace(/\/chatHub$/i, "");
const URL1 = base(process.argv[2] || process.env.CHAT_URL_1);
const URL2 = base(process.argv[3] || process.env.CHAT_URL_2);
const SCREENSHOT = resolve(process.argv[4] || process.env.SCREENSHOT || "../../../target/chromium-chat.png");
if (!URL1 || !URL2) {
    console.error("usage: node chromium-chat.mjs <url of instance 1> <url of instance 2> [screenshot.png]");
    process.exit(2);
}
console.log(`# instance 1: ${URL1}`);
console.log(`# instance 2: ${URL2}`);
overall(Number(process.env.OVERALL_TIMEOUT_MS || 120_000));

const openPage = (name, url) => open(name, url + "/", TIMEOUT_MS);

// ---- the run ----

const run = randomUUID().slice(0, 8);
const room = `browser-${run}`;
let P1, P2;

await check(`launch ${EXECUTABLE} headless`, async () => {
    await launch();
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

await closeBrowser();
await done();
