// The chat page's transports in headless Chromium, through a round-robin nginx without sticky sessions in front
// of two chat-service instances (ChromiumTransportsIT). Usage:
//   node chromium-transports.mjs <balancer url> <balancer url that refuses WebSocket upgrades> <mode> [screenshot.png]
// mode:
//   serversentevents  the page opened with ?transport=serversentevents (EventSource, POSTs; no WebSocket)
//   longpolling       the page opened with ?transport=LongPolling (polls, POSTs; no WebSocket or EventSource)
//   fallback          the page opened through the port that refuses upgrades, no ?transport: its WebSocket
//                     fails and it falls back to Server-Sent Events or Long Polling on its own
//   websockets        ?transport=WebSockets
//   ignored           ?transport=carrier-pigeon: a console warning, then the automatic choice (WebSockets)
// In each, the page joins a room with a second page (WebSockets, main port), sends, and shows its own and the
// other page's messages; the transport in use is shown beside the connection state.
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { baseUrl, check, done, negotiate, overall } from "./harness.mjs";
import { closeBrowser, connectionState, count, EXECUTABLE, launch, openPage, pages, say, setUserAndJoin, shownTransport, shows } from "./browser.mjs";

const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 20_000);
const MAIN = baseUrl(process.argv[2]);
const NO_UPGRADE = baseUrl(process.argv[3]);
const MODE = process.argv[4];
const SCREENSHOT = process.argv[5] ? resolve(process.argv[5]) : null;

const MODES = {
    serversentevents: { url: () => `${MAIN}/?transport=serversentevents`, transports: ["ServerSentEvents"] },
    longpolling: { url: () => `${MAIN}/?transport=LongPolling`, transports: ["LongPolling"] },
    fallback: { url: () => `${NO_UPGRADE}/`, transports: ["ServerSentEvents", "LongPolling"] },
    websockets: { url: () => `${MAIN}/?transport=WebSockets`, transports: ["WebSockets"] },
    ignored: { url: () => `${MAIN}/?transport=carrier-pigeon`, transports: ["WebSockets"] },
};
const mode = MODES[MODE];
if (!MAIN || !NO_UPGRADE || !mode) {
    console.error(`usage: node chromium-transports.mjs <url> <url without upgrades> <${Object.keys(MODES).join(" | ")}> [screenshot.png]`);
    process.exit(2);
}
console.log(`# balancer: ${MAIN}; without upgrades: ${NO_UPGRADE}; mode ${MODE}`);
overall(Number(process.env.OVERALL_TIMEOUT_MS || 90_000));

const run = randomUUID().slice(0, 8);
const room = `browser-${MODE}-${run}`;
const hubRequests = (p) => p.resources.filter((r) => /\/chatHub\?/.test(r.url) && !/\/negotiate/.test(r.url));
let P, Q;

await check(`the server offers ${mode.transports.join(" or ")}`, async () => {
    const body = await negotiate(`${MAIN}/chatHub`);
    const offered = (body.availableTransports || []).map((t) => t.transport);
    assert.ok(mode.transports.some((t) => offered.includes(t)), `negotiate offers ${JSON.stringify(offered)}`);
});

await check(`launch ${EXECUTABLE} headless`, async () => {
    await launch();
});

await check(`the page opened at ${mode.url()} connects and shows that it uses ${mode.transports.join(" or ")}`, async () => {
    P = await openPage(`page (${MODE})`, mode.url(), TIMEOUT_MS);
    await connectionState(P, "connected");
    const transport = await shownTransport(P);
    assert.ok(mode.transports.includes(transport), `the page shows transport ${JSON.stringify(transport)}`);
    const label = await P.page.getByTestId("transport").textContent();
    assert.ok(label.trim().length > 0, "the transport is shown as text");
});

await check(`the page's requests are those of ${mode.transports.join(" or ")}`, async () => {
    const transport = await shownTransport(P);
    const hub = hubRequests(P);
    if (transport === "ServerSentEvents") {
        assert.ok(hub.some((r) => r.type === "eventsource" && r.method === "GET"), `an EventSource on /chatHub: ${JSON.stringify(hub)}`);
        assert.ok(hub.some((r) => r.method === "POST"), `POSTs to /chatHub (the handshake at least): ${JSON.stringify(hub)}`);
    } else if (transport === "LongPolling") {
        assert.ok(hub.filter((r) => r.method === "GET" && r.type !== "eventsource").length >= 2, `polls of /chatHub: ${JSON.stringify(hub)}`);
        assert.ok(!hub.some((r) => r.type === "eventsource"), `no EventSource: ${JSON.stringify(hub)}`);
    }
    if (MODE === "fallback") {
        assert.ok(P.websockets.length >= 1, "the page tried a WebSocket first");
    } else if (transport !== "WebSockets") {
        assert.deepEqual(P.websockets, [], "no WebSocket");
    } else {
        assert.ok(P.websockets.some((u) => /\/chatHub\?id=/.test(u)), `a WebSocket to /chatHub: ${P.websockets}`);
    }
});

if (MODE === "ignored") {
    await check("the unknown ?transport= is reported in the console", async () => {
        assert.ok(P.console.some((l) => /^warning: Ignoring \?transport=carrier-pigeon/.test(l)), `console: ${JSON.stringify(P.console)}`);
    });
}

await check("a second page (WebSockets, main port) connects", async () => {
    Q = await openPage("other page", `${MAIN}/`, TIMEOUT_MS);
    await connectionState(Q, "connected");
    assert.equal(await shownTransport(Q), "WebSockets");
});

await check(`both join ${room}; each sees the other's join notice`, async () => {
    await setUserAndJoin(P, "alice", room);
    await setUserAndJoin(Q, "bob", room);
    const pid = await P.page.evaluate(() => window.chat.connection.connectionId);
    const qid = await Q.page.evaluate(() => window.chat.connection.connectionId);
    assert.ok(pid && qid && pid !== qid, `two connection ids: ${pid} ${qid}`);
    await shows(P, `${room} · System: ${qid} has joined the room ${room}`);
    await shows(Q, `${room} · System: ${qid} has joined the room ${room}`);
});

const hello = `hello from the ${MODE} page (${run}) <b>✓</b>`;
const reply = `hello back from the other page (${run})`;

await check("the page sends; it shows its own message once and the other page shows it", async () => {
    await say(P, hello);
    await shows(P, `${room} · alice: ${hello}`);
    await shows(Q, `${room} · alice: ${hello}`);
    assert.equal(await count(P, `${room} · alice: ${hello}`), 1);
});

await check("the other page sends; the page shows it once", async () => {
    await say(Q, reply);
    await shows(P, `${room} · bob: ${reply}`);
    assert.equal(await count(P, `${room} · bob: ${reply}`), 1);
});

await check("five messages in a row from the page arrive at the other page in order", async () => {
    const burst = Array.from({ length: 5 }, (_, i) => `burst ${i} (${run})`);
    for (const text of burst) await say(P, text);
    for (const text of burst) await shows(Q, `${room} · alice: ${text}`);
    const list = await Q.page.locator("[data-testid=messages] li").allTextContents();
    const order = burst.map((t) => list.indexOf(`${room} · alice: ${t}`));
    assert.deepEqual([...order].sort((a, b) => a - b), order, `in order: ${JSON.stringify(list)}`);
});

await check("the page still uses the same transport and is still connected", async () => {
    await connectionState(P, "connected");
    assert.ok(mode.transports.includes(await shownTransport(P)));
});

if (SCREENSHOT) {
    await check(`screenshot of the page saved to ${SCREENSHOT}`, async () => {
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        await P.page.screenshot({ path: SCREENSHOT, fullPage: true });
    });
}

await check("no script errors on either page", async () => {
    for (const p of pages) assert.deepEqual(p.errors, [], `${p.name} page errors`);
});

await closeBrowser();
await done();
