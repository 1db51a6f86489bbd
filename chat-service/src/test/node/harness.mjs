// What the Node scripts of chat-service's ITs share: TAP-like checks ("ok N - ..." / "not ok N - ..."; the
// first failure ends the run with exit 1), official @microsoft/signalr clients that record what they
// receive and which transport and protocol they ended up with, and requests to the Java test that runs
// the script (a line on stdout, the answer a line on stdin: see NodeScript.Running.serve).
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

export { signalR };
export const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 15_000);
export const QUIET_MS = Number(process.env.QUIET_MS || 1_000);

export const hubUrl = (url) => {
    if (!url) return url;
    const trimmed = url.replace(/\/+$/, "");
    return /\/chatHub$/i.test(trimmed) ? trimmed : trimmed + "/chatHub";
};
export const baseUrl = (url) => (url || "").replace(/\/+$/, "").replace(/\/chatHub$/i, "");

/** Ends the process with exit 3 when the whole run takes longer than `ms`. */
export function overall(ms) {
    const timer = setTimeout(() => {
        console.log(`not ok - the whole run took longer than ${ms} ms`);
        process.exit(3);
    }, ms);
    timer.unref();
}

let counter = 0;
const cleanups = [];
/** Something to do before the process exits after a failed check (close a browser, say). */
export const onFailure = (fn) => cleanups.push(fn);

export async function check(name, fn) {
    counter++;
    try {
        await fn();
        console.log(`ok ${counter} - ${name}`);
    } catch (err) {
        console.log(`not ok ${counter} - ${name}`);
        console.log(String(err && err.stack ? err.stack : err).replace(/^/gm, "    "));
        for (const c of clients) {
            if (c.log.length) console.log(`# ${c.name}'s client log (last 15):\n${c.log.slice(-15).map((l) => `#   ${l}`).join("\n")}`);
        }
        for (const fn of cleanups) await Promise.resolve().then(fn).catch(() => {});
        await stopAll();
        process.exit(1);
    }
}

export async function done() {
    await stopAll();
    console.log(`# all ${counter} checks passed`);
    process.exit(0);
}

// ---- requests to the Java side ----

let stdin;
const answers = [];
const waiting = [];
/** Prints `line` and waits for the test's answer line (which must start with the same first word). */
export function ask(line, timeoutMs = 60_000) {
    if (!stdin) {
        stdin = createInterface({ input: process.stdin });
        stdin.on("line", (answer) => {
            const w = waiting.shift();
            if (w) w(answer);
            else answers.push(answer);
        });
    }
    console.log(line);
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to "${line}" within ${timeoutMs} ms`)), timeoutMs);
        const take = (answer) => {
            clearTimeout(timer);
            if (answer.split(" ")[0] !== line.split(" ")[0]) reject(new Error(`asked "${line}", answered "${answer}"`));
            else resolve(answer);
        };
        if (answers.length) take(answers.shift());
        else waiting.push(take);
    });
}

// ---- clients: each records what it receives, its reconnects and what its connection logged ----

export const clients = [];

export const TRANSPORTS = {
    WebSockets: signalR.HttpTransportType.WebSockets,
    ServerSentEvents: signalR.HttpTransportType.ServerSentEvents,
    LongPolling: signalR.HttpTransportType.LongPolling,
};

/**
 * An official client, started. opts: url options (transport, skipNegotiation, ...) under `http`;
 * `protocol` "json" (default) or "messagepack"; `reconnect` (true or an array of delays) for
 * withAutomaticReconnect; `stateful` for withStatefulReconnect.
 */
export async function client(name, url, opts = {}) {
    const c = { name, inbox: [], waiters: [], log: [], events: [], transport: undefined, protocol: undefined };
    const logger = {
        log(level, message) {
            const selected = /^Selecting transport '(\w+)'\.$/.exec(message);
            if (selected) c.transport = selected[1];
            const protocol = /^Using HubProtocol '(\w+)'\.$/.exec(message);
            if (protocol) c.protocol = protocol[1];
            if (level >= signalR.LogLevel.Debug) c.log.push(`${new Date().toISOString()} ${signalR.LogLevel[level]}: ${message}`);
            if (c.log.length > 200) c.log.shift();
        },
    };
    let builder = new signalR.HubConnectionBuilder().configureLogging(logger);
    builder = opts.http ? builder.withUrl(url, opts.http) : builder.withUrl(url);
    if (opts.protocol === "messagepack") builder = builder.withHubProtocol(new MessagePackHubProtocol());
    if (opts.reconnect) builder = Array.isArray(opts.reconnect) ? builder.withAutomaticReconnect(opts.reconnect) : builder.withAutomaticReconnect();
    if (opts.stateful) builder = builder.withStatefulReconnect();
    const connection = builder.build();
    c.connection = connection;
    connection.on("ReceiveMessage", (user, message, ...rest) => {
        const m = { user, message, rest };
        c.inbox.push(m);
        for (const w of c.waiters.slice()) w(m);
    });
    connection.onreconnecting((err) => c.events.push({ event: "reconnecting", error: String(err) }));
    connection.onreconnected((id) => c.events.push({ event: "reconnected", id }));
    connection.onclose((err) => c.events.push({ event: "close", error: String(err) }));
    clients.push(c);
    await connection.start();
    assert.equal(connection.state, signalR.HubConnectionState.Connected, `${name} is connected`);
    return c;
}

/** Waits until c has received a message matching pred (one already received counts). */
export function received(c, pred, what, timeoutMs = TIMEOUT_MS) {
    const found = c.inbox.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            c.waiters.splice(c.waiters.indexOf(waiter), 1);
            const seen = c.inbox.slice(-20).map(({ user, message }) => [user, String(message).slice(0, 80)]);
            reject(new Error(`${c.name} did not receive ${what} within ${timeoutMs} ms; last received: ${JSON.stringify(seen)}`));
        }, timeoutMs);
        const waiter = (m) => {
            if (pred(m)) {
                clearTimeout(timer);
                c.waiters.splice(c.waiters.indexOf(waiter), 1);
                resolve(m);
            }
        };
        c.waiters.push(waiter);
    });
}

/** Waits until pred() holds, polling every 50 ms. */
export async function until(pred, what, timeoutMs = TIMEOUT_MS) {
    const end = Date.now() + timeoutMs;
    while (!(await pred())) {
        if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

export const msg = (user, message) => (m) => m.user === user && m.message === message;
export const joined = (id, room) => msg("System", `${id} has joined the room ${room}`);
export const left = (id, room) => msg("System", `${id} has left the room ${room}`);

/** Asserts that c receives nothing matching pred during QUIET_MS. */
export async function nothing(c, pred, what) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    assert.equal(c.inbox.find(pred), undefined, `${c.name} should not have received ${what}`);
}

export async function stopAll() {
    await Promise.allSettled(clients.map((c) => c.connection.stop()));
}

/** POST <hub>/negotiate with the query given; the parsed answer. */
export async function negotiate(hub, query = "negotiateVersion=1") {
    const response = await fetch(`${hub}/negotiate?${query}`, { method: "POST", headers: { "Content-Type": "text/plain;charset=UTF-8" } });
    const text = await response.text();
    assert.equal(response.status, 200, `POST ${hub}/negotiate?${query} answered ${response.status}: ${text}`);
    return JSON.parse(text);
}

/** The room's members over all instances (admin API): [{connectionId, instance, joinedAt}, ...]. */
export async function members(base, room) {
    const response = await fetch(`${baseUrl(base)}/api/rooms/${encodeURIComponent(room)}/members`,
        { headers: { Authorization: `Bearer ${process.env.ADMIN_TOKEN || "test-admin-token"}` } });
    const text = await response.text();
    assert.equal(response.status, 200, `GET members of ${room}: ${response.status} ${text}`);
    return JSON.parse(text);
}
