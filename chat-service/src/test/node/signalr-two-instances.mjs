// Drives two chat-service instances that share one Redis with the official @microsoft/signalr Node
// client, as one hub. Usage:
//   node signalr-two-instances.mjs <url1> <url2>      (or CHAT_URL_1 / CHAT_URL_2)
// where a url is an instance's base (http://127.0.0.1:8081) or its hub (.../chatHub).
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { check, client, clients, done, hubUrl, joined, left, msg, negotiate as negotiateQuery, nothing, overall, received, signalR, stopAll } from "./harness.mjs";

const HUB1 = hubUrl(process.argv[2] || process.env.CHAT_URL_1);
const HUB2 = hubUrl(process.argv[3] || process.env.CHAT_URL_2);
if (!HUB1 || !HUB2) {
    console.error("usage: node signalr-two-instances.mjs <url1> <url2>");
    process.exit(2);
}
console.log(`# instance 1: ${HUB1}`);
console.log(`# instance 2: ${HUB2}`);
console.log(`# @microsoft/signalr ${signalR.VERSION}, node ${process.version}`);
overall(Number(process.env.OVERALL_TIMEOUT_MS || 120_000));

const joinedAnyone = (room) => (m) => m.user === "System" && m.message.endsWith(` has joined the room ${room}`)
    && !/\s/.test(m.message.slice(0, m.message.length - ` has joined the room ${room}`.length));

const negotiate = (hub, version) => negotiateQuery(hub, version === undefined ? "" : `negotiateVersion=${version}`);

function assertWebSockets(body) {
    assert.ok(Array.isArray(body.availableTransports), `availableTransports is an array: ${JSON.stringify(body)}`);
    const ws = body.availableTransports.find((t) => t.transport === "WebSockets");
    assert.ok(ws, `WebSockets is offered: ${JSON.stringify(body)}`);
    assert.ok(Array.isArray(ws.transferFormats) && ws.transferFormats.includes("Text"), `WebSockets offers Text: ${JSON.stringify(ws)}`);
}

// ---- the run ----

const run = randomUUID().slice(0, 8);
const room = `it-room-${run}`;
let A, B;

await check("client A connects to instance 1 with default options", async () => {
    A = await client("A", HUB1);
    assert.ok(A.connection.connectionId, "A has a connection id");
});

await check("client B connects to instance 2 with default options", async () => {
    B = await client("B", HUB2);
    assert.ok(B.connection.connectionId, "B has a connection id");
    assert.notEqual(B.connection.connectionId, A.connection.connectionId);
});

await check(`A joins ${room} on instance 1 and sees its own join notice`, async () => {
    await A.connection.invoke("JoinRoom", room);
    await received(A, joined(A.connection.connectionId, room), "its own join notice");
});

await check(`B joins ${room} on instance 2; both see B's join notice`, async () => {
    await B.connection.invoke("JoinRoom", room);
    await received(B, joined(B.connection.connectionId, room), "its own join notice");
    await received(A, joined(B.connection.connectionId, room), "B's join notice (across instances)");
});

await check("B did not get A's join notice (A joined before B)", async () => {
    assert.equal(B.inbox.find(joined(A.connection.connectionId, room)), undefined);
});

const fromA = `hello from A ${run} <b>&amp;</b> ✓`;
const fromB = `hello from B ${run}`;

await check("a message from A (instance 1) reaches B (instance 2) and A", async () => {
    await A.connection.invoke("SendMessage", room, "alice", fromA);
    await received(B, msg("alice", fromA), "A's message");
    await received(A, msg("alice", fromA), "its own message");
});

await check("a message from B (instance 2) reaches A (instance 1) and B", async () => {
    await B.connection.invoke("SendMessage", room, "bob", fromB);
    await received(A, msg("bob", fromB), "B's message");
    await received(B, msg("bob", fromB), "its own message");
});

await check("GetHistory on either instance returns the messages oldest first with id/user/message/timestamp", async () => {
    for (const c of [A, B]) {
        const history = await c.connection.invoke("GetHistory", room, 50);
        assert.ok(Array.isArray(history), `GetHistory returns an array: ${JSON.stringify(history)}`);
        for (const entry of history) {
            for (const key of ["id", "user", "message", "timestamp"]) {
                assert.ok(key in entry, `entry has ${key}: ${JSON.stringify(entry)}`);
            }
            assert.equal(typeof entry.id, "string", `id is a string: ${JSON.stringify(entry)}`);
            assert.ok(entry.id.length > 0);
            assert.equal(typeof entry.user, "string");
            assert.equal(typeof entry.message, "string");
            assert.match(entry.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/, `timestamp is ISO-8601: ${entry.timestamp}`);
            assert.ok(!Number.isNaN(Date.parse(entry.timestamp)));
        }
        const ours = history.filter((e) => e.user !== "System").map((e) => [e.user, e.message]);
        assert.deepEqual(ours, [["alice", fromA], ["bob", fromB]], `${c.name}: history of ${room}: ${JSON.stringify(history)}`);
        for (let i = 1; i < history.length; i++) {
            assert.ok(Date.parse(history[i - 1].timestamp) <= Date.parse(history[i].timestamp), `timestamps ascend: ${JSON.stringify(history)}`);
            assert.notEqual(history[i - 1].id, history[i].id, "ids are distinct");
        }
    }
});

await check("GetHistory(room, 1) returns only the newest message", async () => {
    const history = await A.connection.invoke("GetHistory", room, 1);
    assert.ok(Array.isArray(history));
    assert.equal(history.length, 1, JSON.stringify(history));
    assert.equal(history[0].message, fromB, JSON.stringify(history));
});

await check("GetHistory of a room nobody used returns an empty array", async () => {
    const history = await B.connection.invoke("GetHistory", `it-empty-${run}`, 10);
    assert.deepEqual(history, []);
});

await check("invoking an unknown hub method rejects with an error naming it; the connection stays usable", async () => {
    await assert.rejects(A.connection.invoke("NoSuchMethod", room), (err) => {
        assert.match(String(err && err.message), /NoSuchMethod/, `error mentions the method: ${err && err.message}`);
        return true;
    });
    assert.equal(A.connection.state, signalR.HubConnectionState.Connected);
    const text = `still here ${run}`;
    await A.connection.invoke("SendMessage", room, "alice", text);
    await received(B, msg("alice", text), "A's message after the failed call");
});

await check("a hub call with the wrong number of arguments rejects; the connection stays usable", async () => {
    await assert.rejects(B.connection.invoke("SendMessage", room), (err) => {
        assert.ok(err && err.message, "there is an error message");
        return true;
    });
    assert.equal(B.connection.state, signalR.HubConnectionState.Connected);
    const history = await B.connection.invoke("GetHistory", room, 1);
    assert.ok(Array.isArray(history));
});

await check("B leaves: A (other instance) sees B's leave notice", async () => {
    await B.connection.invoke("LeaveRoom", room);
    await received(A, left(B.connection.connectionId, room), "B's leave notice");
});

await check("after leaving, B no longer receives the room's messages", async () => {
    const text = `after B left ${run}`;
    await A.connection.invoke("SendMessage", room, "alice", text);
    await received(A, msg("alice", text), "its own message");
    await nothing(B, msg("alice", text), "a message of a room it left");
});

// ---- negotiate on one instance, WebSocket on the other ----

const room2 = `it-cross-${run}`;
let C, D, negotiated;

await check("negotiate v1 on instance 1 answers connectionId, connectionToken and WebSockets", async () => {
    negotiated = await negotiate(HUB1, 1);
    assert.equal(negotiated.negotiateVersion, 1, JSON.stringify(negotiated));
    assert.equal(typeof negotiated.connectionId, "string");
    assert.equal(typeof negotiated.connectionToken, "string");
    assert.ok(negotiated.connectionId.length > 0 && negotiated.connectionToken.length > 0);
    assert.notEqual(negotiated.connectionToken, negotiated.connectionId, "the token is not the public connection id");
    assertWebSockets(negotiated);
});

await check("negotiate v0 on instance 2 answers a connectionId (no token) and WebSockets", async () => {
    const body = await negotiate(HUB2, undefined);
    assert.ok(body.negotiateVersion === undefined || body.negotiateVersion === 0, JSON.stringify(body));
    assert.equal(typeof body.connectionId, "string");
    assert.ok(body.connectionId.length > 0);
    assertWebSockets(body);
});

await check("the WebSocket of a negotiate on instance 1 is accepted by instance 2 (shared token secret)", async () => {
    D = await client("D", HUB1);
    await D.connection.invoke("JoinRoom", room2);
    await received(D, joined(D.connection.connectionId, room2), "its own join notice");
    C = await client("C", `${HUB2}?id=${encodeURIComponent(negotiated.connectionToken)}`,
        { http: { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets } });
    await C.connection.invoke("JoinRoom", room2);
    await received(D, joinedAnyone(room2), "C's join notice");
    await received(D, joined(negotiated.connectionId, room2), "C's join notice naming the negotiated connectionId");
});

await check("C (negotiated on 1, connected to 2) and D (on 1) exchange messages", async () => {
    const c2d = `C to D ${run}`;
    const d2c = `D to C ${run}`;
    await C.connection.invoke("SendMessage", room2, "carol", c2d);
    await received(D, msg("carol", c2d), "C's message");
    await D.connection.invoke("SendMessage", room2, "dave", d2c);
    await received(C, msg("dave", d2c), "D's message");
});

// ---- skipNegotiation ----

await check("a client with skipNegotiation (WebSockets, no id) joins on instance 2 and talks with D on instance 1", async () => {
    const E = await client("E", HUB2, { http: { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets } });
    const mark = D.inbox.length;
    await E.connection.invoke("JoinRoom", room2);
    await received(E, joinedAnyone(room2), "its own join notice");
    await received(D, (m) => D.inbox.indexOf(m) >= mark && joinedAnyone(room2)(m), "E's join notice");
    const e2d = `E to D ${run}`;
    await E.connection.invoke("SendMessage", room2, "erin", e2d);
    await received(D, msg("erin", e2d), "E's message");
    const d2e = `D to E ${run}`;
    await D.connection.invoke("SendMessage", room2, "dave", d2e);
    await received(E, msg("dave", d2e), "D's message");
});

await check("a forged connection token is refused by instance 2", async () => {
    const forged = new signalR.HubConnectionBuilder()
        .withUrl(`${HUB2}?id=${encodeURIComponent(negotiated.connectionToken + "x")}`,
            { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
        .configureLogging(signalR.LogLevel.None)
        .build();
    await assert.rejects(forged.start());
    assert.equal(forged.state, signalR.HubConnectionState.Disconnected);
});

await check("the other clients are still connected", async () => {
    for (const c of clients) assert.equal(c.connection.state, signalR.HubConnectionState.Connected, `${c.name} is connected`);
});

await done();
