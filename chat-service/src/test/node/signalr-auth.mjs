// Signed-in clients (JWT, accessTokenFactory) of the official @microsoft/signalr Node client against two
// chat-service instances with auth required (CHAT_AUTH_REQUIRED=true) that share one Redis. Usage:
//   AUTH_TOKENS='{"alice":"<jwt>",...}' node signalr-auth.mjs <url1> <url2>   (or CHAT_URL_1 / CHAT_URL_2)
// The tokens are minted by the Java test (NodeSignalRAuthIT, io.rtc.chat.support.TestTokens) and passed in
// the environment, never on the command line; this script never prints one (every line it prints is checked).
// Tokens: alice (name alice, rooms team-*), bob (name bob, rooms team-*), erin (no name claim: shown as its sub
// "erin-sub", rooms team-*), root (group chat-admin, no rooms), carolShort (rooms team-*, expires a few seconds
// after it was minted) and carolLong (the same user for an hour), and the refused ones: expired, wrongIssuer,
// wrongAudience, forged (signed with a key nobody trusts).
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as signalR from "@microsoft/signalr";
import { joined, msg, received } from "./harness.mjs";
import WebSocket from "ws";

const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 10_000);
const QUIET_MS = Number(process.env.QUIET_MS || 1_000);
const OVERALL_TIMEOUT_MS = Number(process.env.OVERALL_TIMEOUT_MS || 90_000);
const SKEW_S = Number(process.env.CLOCK_SKEW_S || 1);

const hubUrl = (url) => {
    if (!url) return url;
    const trimmed = url.replace(/\/+$/, "");
    return /\/chatHub$/i.test(trimmed) ? trimmed : trimmed + "/chatHub";
};
const HUB1 = hubUrl(process.argv[2] || process.env.CHAT_URL_1);
const HUB2 = hubUrl(process.argv[3] || process.env.CHAT_URL_2);
let T;
try {
    T = JSON.parse(process.env.AUTH_TOKENS || "");
} catch (err) {
    T = null;
}
const NEEDED = ["alice", "bob", "erin", "root", "carolShort", "carolLong", "expired", "wrongIssuer", "wrongAudience", "forged"];
if (!HUB1 || !HUB2 || !T || NEEDED.some((k) => typeof T[k] !== "string")) {
    console.error(`usage: AUTH_TOKENS='{${NEEDED.map((k) => `"${k}":"<jwt>"`).join(",")}}' node signalr-auth.mjs <url of instance 1> <url of instance 2>`);
    process.exit(2);
}

// Never print a token: every line goes through here, and a line that holds one is redacted and fails the run.
const SECRETS = Object.values(T).filter((t) => t.length > 20);
let leaked = 0;
function out(line) {
    let text = String(line);
    for (const secret of SECRETS) {
        for (const piece of [secret, encodeURIComponent(secret), secret.split(".")[2]]) {
            if (piece && piece.length > 20 && text.includes(piece)) {
                text = text.split(piece).join("[token]");
                leaked++;
            }
        }
    }
    process.stdout.write(text + "\n");
}

out(`# instance 1: ${HUB1}`);
out(`# instance 2: ${HUB2}`);
out(`# @microsoft/signalr ${signalR.VERSION}, node ${process.version}`);

const overall = setTimeout(() => {
    out(`not ok - the whole run took longer than ${OVERALL_TIMEOUT_MS} ms`);
    process.exit(3);
}, OVERALL_TIMEOUT_MS);
overall.unref();

const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

// ---- checks ----

let counter = 0;
async function check(name, fn) {
    counter++;
    try {
        await fn();
        out(`ok ${counter} - ${name}`);
    } catch (err) {
        out(`not ok ${counter} - ${name}`);
        out(String(err && err.stack ? err.stack : err).replace(/^/gm, "    "));
        await stopAll();
        process.exit(1);
    }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The payload of a JWT (to read exp; a token is never printed).
function claims(jwt) {
    return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

// ---- clients: each records what it receives ----

const clients = [];

const logger = {
    log(level, message) {
        if (level >= signalR.LogLevel.Warning) out(`# [signalr ${signalR.LogLevel[level]}] ${message}`);
    },
};

// A HubConnection whose accessTokenFactory returns tokens() (a function, so a test can change it) and counts its calls.
function build(name, url, tokens, options = {}) {
    const c = { name, inbox: [], waiters: [], factoryCalls: 0 };
    const builder = new signalR.HubConnectionBuilder()
        .withUrl(url, {
            ...options,
            accessTokenFactory: () => {
                c.factoryCalls++;
                return tokens();
            },
        })
        .configureLogging(options.quiet ? signalR.LogLevel.None : logger);
    if (options.reconnect) builder.withAutomaticReconnect([0, 500, 1000, 2000, 2000, 2000]);
    c.connection = builder.build();
    c.connection.on("ReceiveMessage", (user, message) => {
        const m = { user, message, at: Date.now() };
        c.inbox.push(m);
        for (const w of c.waiters.slice()) w(m);
    });
    return c;
}

async function client(name, url, token, options) {
    const c = build(name, url, () => token, options);
    clients.push(c);
    await c.connection.start();
    assert.equal(c.connection.state, signalR.HubConnectionState.Connected, `${name} is connected`);
    return c;
}

const text = (message) => (m) => m.message === message;

// Asserts that none of cs receives anything matching pred during QUIET_MS.
async function nothing(cs, pred, what) {
    await sleep(QUIET_MS);
    for (const c of [].concat(cs)) {
        const found = c.inbox.find(pred);
        assert.equal(found, undefined, `${c.name} should not have received ${what}: ${JSON.stringify(found)}`);
    }
}

async function stopAll() {
    await Promise.allSettled(clients.map((c) => c.connection.stop()));
    for (const ws of sockets) ws.terminate();
}

function assertConnected(...cs) {
    for (const c of cs) assert.equal(c.connection.state, signalR.HubConnectionState.Connected, `${c.name} is still connected`);
}

// A hub call that must be refused with a Completion error matching pattern.
async function refused(c, pattern, method, ...args) {
    let message;
    await assert.rejects(c.connection.invoke(method, ...args), (err) => {
        message = String(err && err.message);
        assert.match(message, pattern, `${c.name}: ${method} refused with a matching error`);
        return true;
    });
    return message;
}

// ---- plain HTTP and raw WebSockets (the ws package the official client uses in Node) ----

async function negotiate(hub, token, how = "header") {
    const headers = { "Content-Type": "text/plain;charset=UTF-8" };
    let url = `${hub}/negotiate?negotiateVersion=1`;
    if (token && how === "header") headers.Authorization = `Bearer ${token}`;
    if (token && how === "query") url += `&access_token=${encodeURIComponent(token)}`;
    const response = await fetch(url, { method: "POST", headers });
    return { status: response.status, headers: response.headers, body: await response.text() };
}

function assertUnauthorized(r, what, token) {
    assert.equal(r.status, 401, `${what}: status ${r.status}: ${r.body}`);
    const challenge = r.headers.get ? r.headers.get("www-authenticate") : r.headers["www-authenticate"];
    assert.match(String(challenge), /^Bearer\b/, `${what}: WWW-Authenticate is a Bearer challenge: ${challenge}`);
    const reason = r.body.trim();
    assert.ok(reason.length > 0 && !reason.includes("\n"), `${what}: a one-line reason: ${JSON.stringify(r.body)}`);
    if (token) assert.ok(!r.body.includes(token), `${what}: the answer does not repeat the token`);
    return reason;
}

const sockets = [];

// Opens a raw WebSocket; resolves {open: ws} on 101 or {status, headers, body} on a refused upgrade.
function upgrade(hub, { id, token, header } = {}) {
    const params = [];
    if (id) params.push(`id=${encodeURIComponent(id)}`);
    if (token && !header) params.push(`access_token=${encodeURIComponent(token)}`);
    const url = hub.replace(/^http/, "ws") + (params.length ? `?${params.join("&")}` : "");
    const headers = token && header ? { Authorization: `Bearer ${token}` } : {};
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(url, { headers });
        sockets.push(ws);
        let settled = false;
        const settle = (fn, value) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            fn(value);
        };
        const timer = setTimeout(() => {
            settle(reject, new Error(`the upgrade got no answer within ${TIMEOUT_MS} ms`));
            ws.terminate();
        }, TIMEOUT_MS);
        ws.on("unexpected-response", (req, res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk) => { body += chunk; });
            res.on("end", () => {
                settle(resolve, { status: res.statusCode, headers: res.headers, body });
                ws.terminate();
            });
        });
        ws.on("open", () => settle(resolve, { open: ws }));
        // (the message may hold the URL, and so the token: only its start is kept)
        ws.on("error", (err) => settle(reject, new Error(`WebSocket error: ${String(err.message).split("?")[0]}`)));
    });
}

// A raw SignalR client on an open ws: handshake, then every record it receives (Pings included) with the close.
function rawHub(ws) {
    const r = { records: [], closed: null, waiters: [] };
    const notify = () => { for (const w of r.waiters.slice()) w(); };
    let buffer = "";
    ws.on("message", (data) => {
        buffer += data.toString("utf8");
        let end;
        while ((end = buffer.indexOf("\x1e")) >= 0) {
            r.records.push(JSON.parse(buffer.slice(0, end)));
            buffer = buffer.slice(end + 1);
        }
        notify();
    });
    ws.on("close", (code, reason) => {
        r.closed = { code, reason: reason.toString("utf8"), at: Date.now() };
        notify();
    });
    r.until = (pred, ms, what) => new Promise((resolve, reject) => {
        const test = () => {
            if (pred(r)) {
                clearTimeout(timer);
                r.waiters.splice(r.waiters.indexOf(test), 1);
                resolve();
                return true;
            }
            return false;
        };
        const timer = setTimeout(() => {
            r.waiters.splice(r.waiters.indexOf(test), 1);
            reject(new Error(`no ${what} within ${ms} ms; records: ${JSON.stringify(r.records)}, closed: ${JSON.stringify(r.closed)}`));
        }, ms);
        r.waiters.push(test);
        test();
    });
    ws.send('{"protocol":"json","version":1}\x1e');
    return r;
}

// ---- the run ----

const run = randomUUID().slice(0, 8);
const room = `team-${run}`;          // alice, bob, erin and carol may use team-*
const ops = `ops-${run}`;            // only the admin role may
const carolExp = claims(T.carolShort).exp;
let alice, bob, erin, root, carol, rawCarol;
const carolEvents = [];

// First, as the short token does not wait: carol (instance 1, automatic reconnect) and a raw client of hers
// (instance 2) connect with a token that expires a few seconds from now; the results are checked at the end.
await check("carol connects to instance 1 with a token that expires in a few seconds (accessTokenFactory, automatic reconnect)", async () => {
    const left = carolExp - Date.now() / 1000;
    assert.ok(left >= 2, `the short token has ${left.toFixed(1)} s left: it was minted too long before the script started`);
    // the short token until the server has closed the connection for its expiry, then the fresh one
    carol = build("carol", HUB1, () => (carolEvents.some((e) => e.event === "reconnecting") ? T.carolLong : T.carolShort), { reconnect: true });
    clients.push(carol);
    carol.connection.onreconnecting((err) => carolEvents.push({ event: "reconnecting", at: Date.now(), error: String(err && err.message), calls: carol.factoryCalls }));
    carol.connection.onreconnected((id) => carolEvents.push({ event: "reconnected", at: Date.now(), id, calls: carol.factoryCalls }));
    carol.connection.onclose((err) => carolEvents.push({ event: "close", at: Date.now(), error: String(err && err.message) }));
    await carol.connection.start();
    assertConnected(carol);
    carol.firstId = carol.connection.connectionId;
    carol.callsAtStart = carol.factoryCalls;
    assert.ok(carol.callsAtStart >= 1, "accessTokenFactory was asked for the token");
    out(`# carol's token expires in ${(carolExp - Date.now() / 1000).toFixed(1)} s (clock skew ${SKEW_S} s)`);
});

await check("a raw WebSocket of carol's (negotiate with Bearer, access_token on the upgrade) connects to instance 2", async () => {
    const n = await negotiate(HUB1, T.carolShort);
    assert.equal(n.status, 200, `negotiate: ${n.status} ${n.body}`);
    const r = await upgrade(HUB2, { id: JSON.parse(n.body).connectionToken, token: T.carolShort });
    assert.ok(r.open, `the upgrade was refused: ${r.status} ${r.body}`);
    rawCarol = rawHub(r.open);
    await rawCarol.until((x) => x.records.length > 0, TIMEOUT_MS, "handshake answer");
    assert.deepEqual(rawCarol.records[0], {}, "handshake answered {}");
});

await check("alice (preferred_username alice) connects to instance 1 and bob to instance 2 with accessTokenFactory", async () => {
    alice = await client("alice", HUB1, T.alice);
    bob = await client("bob", HUB2, T.bob);
    assert.ok(alice.factoryCalls >= 1 && bob.factoryCalls >= 1, "accessTokenFactory was asked");
});

await check(`alice and bob join ${room} (their claim: team-*) and see each other's join notices across instances`, async () => {
    await alice.connection.invoke("JoinRoom", room);
    await bob.connection.invoke("JoinRoom", room);
    await received(alice, joined(bob.connection.connectionId, room), "bob's join notice");
    await received(bob, joined(bob.connection.connectionId, room), "its own join notice");
});

const fromAlice = `hello from alice ${run}`;
const fromBob = `hello from bob ${run}`;

await check("alice's message reaches bob (other instance) under her signed-in name, and bob's reaches alice under his", async () => {
    await alice.connection.invoke("SendMessage", room, "alice", fromAlice);
    await received(bob, msg("alice", fromAlice), "alice's message");
    await received(alice, msg("alice", fromAlice), "her own message");
    await bob.connection.invoke("SendMessage", room, "bob", fromBob);
    await received(alice, msg("bob", fromBob), "bob's message");
    await received(bob, msg("bob", fromBob), "his own message");
});

await check("erin's token has no preferred_username: she is shown under her sub, erin-sub", async () => {
    erin = await client("erin", HUB2, T.erin);
    await erin.connection.invoke("JoinRoom", room);
    const hi = `erin here ${run}`;
    await erin.connection.invoke("SendMessage", room, "erin-sub", hi);
    await received(alice, msg("erin-sub", hi), "erin's message under her sub");
});

const forged = `alice pretending to be bob ${run}`;

await check("alice sending as \"bob\" is refused with an error naming her signed-in name; nobody receives it", async () => {
    const error = await refused(alice, /alice/, "SendMessage", room, "bob", forged);
    out(`#   refused: ${error}`);
    await nothing([alice, bob, erin], text(forged), "the forged message");
    const history = await bob.connection.invoke("GetHistory", room, 50);
    assert.ok(!history.some((e) => e.message === forged), `the forged message is not in the history: ${JSON.stringify(history)}`);
});

await check("after the refusal alice's connection is still usable: her next message (as alice) arrives", async () => {
    assertConnected(alice);
    const again = `alice again ${run}`;
    await alice.connection.invoke("SendMessage", room, "alice", again);
    await received(bob, msg("alice", again), "alice's next message");
});

await check(`the history of ${room} names the signed-in senders, oldest first`, async () => {
    const history = await alice.connection.invoke("GetHistory", room, 50);
    const ours = history.filter((e) => e.user !== "System").map((e) => [e.user, e.message]);
    assert.deepEqual(ours.slice(0, 2), [["alice", fromAlice], ["bob", fromBob]], JSON.stringify(history));
});

await check(`an admin (group chat-admin, no rooms claim) connects to instance 2 and joins ${ops}`, async () => {
    root = await client("root", HUB2, T.root);
    await root.connection.invoke("JoinRoom", ops);
    await received(root, joined(root.connection.connectionId, ops), "its own join notice");
    await root.connection.invoke("SendMessage", ops, "root", `ops only ${run}`);
    await received(root, msg("root", `ops only ${run}`), "its own message");
});

await check(`alice may not join ${ops}, send to it or read its history (outside her rooms claim): each call is refused`, async () => {
    const join = await refused(alice, /ops-|room|grant|permi|allow|may not/i, "JoinRoom", ops);
    out(`#   JoinRoom refused: ${join}`);
    await refused(alice, /ops-|room|grant|permi|allow|may not/i, "SendMessage", ops, "alice", `alice into ops ${run}`);
    await refused(alice, /ops-|room|grant|permi|allow|may not/i, "GetHistory", ops, 10);
    assertConnected(alice);
});

await check(`nothing of alice's reaches ${ops}: the admin there receives no join notice and no message, the history has none`, async () => {
    await nothing(root, (m) => m.message.includes(alice.connection.connectionId) || m.message === `alice into ops ${run}`, "anything from alice");
    const history = await root.connection.invoke("GetHistory", ops, 50);
    assert.ok(!history.some((e) => e.user === "alice" || e.message.includes(alice.connection.connectionId)), JSON.stringify(history));
    assert.equal(root.inbox.filter((m) => m.user !== "System").length, 1, `root got only its own message: ${JSON.stringify(root.inbox)}`);
});

await check("the team-* pattern is not a prefix match: alice may not join x" + room + " nor team (no dash)", async () => {
    await refused(alice, /room|grant|permi|allow|may not/i, "JoinRoom", `x${room}`);
    await refused(alice, /room|grant|permi|allow|may not/i, "JoinRoom", "team");
    assertConnected(alice);
});

await check("the admin role may use the team room too: root joins it, alice sees root's message", async () => {
    await root.connection.invoke("JoinRoom", room);
    const hi = `root in team ${run}`;
    await root.connection.invoke("SendMessage", room, "root", hi);
    await received(alice, msg("root", hi), "root's message");
});

// ---- refused tokens: at negotiate, through the official client, and at a direct upgrade ----

const bad = [
    ["no token", null],
    ["an expired token", T.expired],
    ["a token of another issuer", T.wrongIssuer],
    ["a token for another audience", T.wrongAudience],
    ["a token with a bad signature (forged key)", T.forged],
    ["a token that is not a JWT", "not-a-jwt"],
];

for (const [what, token] of bad) {
    await check(`${what}: start() rejects on both instances and POST /chatHub/negotiate answers 401 with WWW-Authenticate: Bearer`, async () => {
        for (const hub of [HUB1, HUB2]) {
            const c = build(`refused (${what})`, hub, () => token, { quiet: true });
            await assert.rejects(c.connection.start(), (err) => {
                assert.match(String(err && err.message), /401|Unauthorized/i, `start() fails with the 401: ${err && err.message}`);
                return true;
            });
            assert.equal(c.connection.state, signalR.HubConnectionState.Disconnected);
            const reason = assertUnauthorized(await negotiate(hub, token, "header"), `negotiate (Authorization header) on ${hub}`, token);
            if (hub === HUB1) out(`#   401: ${reason}`);
            if (token) assertUnauthorized(await negotiate(hub, token, "query"), `negotiate (access_token) on ${hub}`, token);
        }
    });
    await check(`${what}: a direct WebSocket upgrade (skipNegotiation) is refused with 401 on both instances`, async () => {
        for (const hub of [HUB1, HUB2]) {
            const c = build(`refused skip (${what})`, hub, () => token,
                { quiet: true, skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets });
            await assert.rejects(c.connection.start());
            assert.equal(c.connection.state, signalR.HubConnectionState.Disconnected);
            const r = await upgrade(hub, { token });
            assert.ok(!r.open, `the upgrade was accepted on ${hub}`);
            assertUnauthorized(r, `upgrade (access_token) on ${hub}`, token);
            if (token) assertUnauthorized(await upgrade(hub, { token, header: true }), `upgrade (Authorization header) on ${hub}`, token);
        }
    });
}

await check("a valid token at a direct upgrade (skipNegotiation, WebSockets) is admitted: bob's second connection on instance 1 chats", async () => {
    const bob2 = await client("bob (skipNegotiation)", HUB1, T.bob, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets });
    await bob2.connection.invoke("JoinRoom", room);
    const hi = `bob via skipNegotiation ${run}`;
    await bob2.connection.invoke("SendMessage", room, "bob", hi);
    await received(alice, msg("bob", hi), "bob's message from his second connection");
    await bob2.connection.stop();
});

// ---- the connection token is bound to the user who negotiated it ----

await check("alice's connection token (negotiated on instance 1) is refused on instance 2 with bob's JWT (403) and without a JWT (401)", async () => {
    const n = await negotiate(HUB1, T.alice);
    assert.equal(n.status, 200, n.body);
    const id = JSON.parse(n.body).connectionToken;
    const thief = await upgrade(HUB2, { id, token: T.bob });
    assert.ok(!thief.open, "bob's upgrade with alice's connection token was accepted");
    assert.equal(thief.status, 403, `bob with alice's connection token: ${thief.status} ${thief.body}`);
    const anonymous = await upgrade(HUB2, { id });
    assert.ok(!anonymous.open, "an upgrade without a JWT was accepted");
    assertUnauthorized(anonymous, "alice's connection token without a JWT");
});

await check("alice's own JWT with her connection token (negotiated on 1, connected to 2, official client) is admitted and chats", async () => {
    const n = await negotiate(HUB1, T.alice);
    assert.equal(n.status, 200, n.body);
    const body = JSON.parse(n.body);
    const a2 = await client("alice (negotiated on 1)", `${HUB2}?id=${encodeURIComponent(body.connectionToken)}`, T.alice,
        { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets });
    await a2.connection.invoke("JoinRoom", room);
    await received(bob, joined(body.connectionId, room), "the join notice naming the negotiated connection id");
    const hi = `alice from instance 2 ${run}`;
    await a2.connection.invoke("SendMessage", room, "alice", hi);
    await received(bob, msg("alice", hi), "her message");
    await a2.connection.stop();
});

// ---- the token that expired mid-connection ----

await check("the raw client's connection got SignalR's Close with allowReconnect: true and an error about the expiry, then the WebSocket closed", async () => {
    await rawCarol.until((x) => x.closed !== null, Math.max(TIMEOUT_MS, (carolExp + SKEW_S + 5) * 1000 - Date.now()), "close");
    const close = rawCarol.records.find((x) => x.type === 7);
    assert.ok(close, `a Close record (type 7) was sent: ${JSON.stringify(rawCarol.records)}`);
    assert.equal(close.allowReconnect, true, JSON.stringify(close));
    assert.match(String(close.error), /expir/i, JSON.stringify(close));
    assert.ok(rawCarol.closed.at / 1000 >= carolExp, `closed at ${rawCarol.closed.at / 1000}, not before the token's exp ${carolExp}`);
    out(`#   Close: ${JSON.stringify(close)}; WebSocket close ${rawCarol.closed.code} ${JSON.stringify(rawCarol.closed.reason)}, ${(rawCarol.closed.at / 1000 - carolExp).toFixed(1)} s after exp`);
});

await check("carol's official client: onreconnecting fired with the server's expiry error, after exp", async () => {
    const deadline = Date.now() + Math.max(TIMEOUT_MS, (carolExp + SKEW_S + 5) * 1000 - Date.now());
    while (!carolEvents.some((e) => e.event === "reconnecting") && Date.now() < deadline) await sleep(100);
    const reconnecting = carolEvents.find((e) => e.event === "reconnecting");
    assert.ok(reconnecting, `onreconnecting fired: ${JSON.stringify(carolEvents)}`);
    assert.match(reconnecting.error, /expir/i, `the reconnect's cause names the expiry: ${reconnecting.error}`);
    assert.ok(reconnecting.at / 1000 >= carolExp, `reconnecting at ${reconnecting.at / 1000}, not before exp ${carolExp}`);
    out(`#   reconnecting: ${reconnecting.error}`);
});

await check("accessTokenFactory was asked again for the reconnect, onreconnected fired with a new connection id", async () => {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!carolEvents.some((e) => e.event === "reconnected") && Date.now() < deadline) await sleep(100);
    const reconnected = carolEvents.find((e) => e.event === "reconnected");
    assert.ok(reconnected, `onreconnected fired: ${JSON.stringify(carolEvents)}`);
    assert.ok(reconnected.calls > carol.callsAtStart, `the factory was called again (${carol.callsAtStart} calls at start, ${reconnected.calls} at reconnect)`);
    assert.notEqual(reconnected.id, carol.firstId, "a new connection");
    assert.equal(carolEvents.filter((e) => e.event === "close").length, 0, `the connection never closed for good: ${JSON.stringify(carolEvents)}`);
    assertConnected(carol);
});

await check("after the reconnect carol's connection outlives the short token (so it carries the fresh one) and she can chat", async () => {
    const wait = (carolExp + SKEW_S + 2.5) * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    assertConnected(carol);
    assert.equal(carolEvents.filter((e) => e.event === "reconnecting").length, 1, `one reconnect only: ${JSON.stringify(carolEvents)}`);
    await carol.connection.invoke("JoinRoom", room);
    const hi = `carol is back ${run}`;
    await carol.connection.invoke("SendMessage", room, "carol", hi);
    await received(bob, msg("carol", hi), "carol's message after the reconnect");
});

await check("alice, bob, erin and root are still connected", async () => {
    assertConnected(alice, bob, erin, root, carol);
});

await check("no token appeared in this script's output", async () => {
    assert.equal(leaked, 0, `${leaked} line(s) held a token (redacted above)`);
});

await stopAll();
out(`# all ${counter} checks passed in ${since()}`);
process.exit(0);
