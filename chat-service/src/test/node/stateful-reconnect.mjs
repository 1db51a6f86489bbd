// Stateful reconnect (withStatefulReconnect) of the official @microsoft/signalr Node client through a TCP
// proxy that the Java test (StatefulReconnectIT) cuts with resets, no close frames. Usage:
//   node stateful-reconnect.mjs <hub url through the proxy> <hub url of the other instance> <resume | elsewhere>
// resume:    A (through the proxy, WebSockets, stateful reconnect) and B (straight to the other instance) each
//            send a numbered stream to a room at ~50/s while the test cuts A's connection 4 times ("CUT k" on
//            stdout, answered "CUT k <connections cut>" on stdin). Every message arrives exactly once, in order,
//            both ways (and A's own echo), every invocation completes, and A never went through
//            onreconnecting/onclose: it resumed the same connection each time.
// elsewhere: the test points the proxy at the other instance before cutting ("RETARGET-CUT"), so the resume
//            lands on an instance that does not hold the connection: A ends up in a new connection
//            (onreconnected, automatic reconnect) and chats again.
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { ask, check, client, done, hubUrl, joined, msg, negotiate, overall, received, signalR, until } from "./harness.mjs";

const PROXIED = hubUrl(process.argv[2]);
const OTHER = hubUrl(process.argv[3]);
const MODE = process.argv[4];
const COUNT = Number(process.env.STREAM_COUNT || 250);
const INTERVAL_MS = Number(process.env.STREAM_INTERVAL_MS || 20);
const CUTS = Number(process.env.CUTS || 4);
if (!PROXIED || !OTHER || !["resume", "elsewhere"].includes(MODE)) {
    console.error("usage: node stateful-reconnect.mjs <hub url through the proxy> <hub url of the other instance> <resume | elsewhere>");
    process.exit(2);
}
console.log(`# through the proxy: ${PROXIED}; other instance: ${OTHER}; mode ${MODE}; @microsoft/signalr ${signalR.VERSION}`);
overall(Number(process.env.OVERALL_TIMEOUT_MS || 90_000));

const run = randomUUID().slice(0, 8);
const room = `stateful-${MODE}-${run}`;
const WEBSOCKETS = { transport: signalR.HttpTransportType.WebSockets };
let A, B;

if (MODE === "resume") {
    await check("negotiate with useStatefulReconnect=true answers useStatefulReconnect: true", async () => {
        const body = await negotiate(PROXIED, "negotiateVersion=1&useStatefulReconnect=true");
        assert.equal(body.useStatefulReconnect, true, JSON.stringify(body));
    });
}

await check("A connects through the proxy (WebSockets, stateful and automatic reconnect), B to the other instance; both join", async () => {
    A = await client("A", PROXIED, { http: WEBSOCKETS, stateful: true, reconnect: [0, 500, 1000, 1000, 2000, 2000, 5000] });
    assert.equal(A.transport, "WebSockets");
    B = await client("B", OTHER, { http: WEBSOCKETS });
    await A.connection.invoke("JoinRoom", room);
    await received(A, joined(A.connection.connectionId, room), "its own join notice");
    await B.connection.invoke("JoinRoom", room);
    await received(A, joined(B.connection.connectionId, room), "B's join notice");
});

const numbered = (c, user) => c.inbox.filter((m) => m.user === user && /^\d+$/.test(m.message)).map((m) => Number(m.message));
const expected = Array.from({ length: COUNT }, (_, i) => i + 1);

/** Sends 1..COUNT as `user` at one per INTERVAL_MS without waiting for each; all the invocations' promises. */
function stream(c, user) {
    return new Promise((resolve) => {
        const calls = [];
        let n = 0;
        const timer = setInterval(() => {
            n++;
            calls.push(c.connection.invoke("SendMessage", room, user, String(n)));
            if (n === COUNT) {
                clearInterval(timer);
                resolve(calls);
            }
        }, INTERVAL_MS);
    });
}

/** Sorted and deduplicated it would be `expected`; the first place where it is not, for the message. */
function firstDifference(got) {
    for (let i = 0; i < Math.max(got.length, COUNT); i++) {
        if (got[i] !== i + 1) return `at index ${i}: got ${got[i]}, expected ${i + 1} (${got.length} received; around: ${JSON.stringify(got.slice(Math.max(0, i - 3), i + 4))})`;
    }
    return "none";
}

if (MODE === "resume") {
    const idBefore = () => A.connection.connectionId;
    let id;

    await check(`A and B each send 1..${COUNT} at ~${Math.round(1000 / INTERVAL_MS)}/s while A's connection is cut ${CUTS} times`, async () => {
        id = idBefore();
        const fromB = stream(B, "B");
        const fromA = stream(A, "A");
        // The official client survives a cut between resumes, not one during its own resend (it then stops):
        // a cut waits until A got a message over the new connection and has finished resending (the client's
        // message buffer says so; read only where the client has one), whatever burst the resume brought.
        const resending = () => A.connection._messageBuffer?._reconnectInProgress === true;
        let atLastCut = -1;
        for (let k = 1; k <= CUTS; k++) {
            const mark = Math.floor((COUNT * k) / (CUTS + 1));
            await until(() => numbered(A, "B").length >= mark && numbered(A, "B").length > atLastCut && !resending(),
                `A received ${mark} of B's messages, one since the last cut, and finished resending before cut ${k} (it has ${numbered(A, "B").length})`, 30_000);
            const answer = await ask(`CUT ${k}`);
            atLastCut = numbered(A, "B").length;
            const cut = Number(answer.split(" ")[2]);
            assert.ok(cut >= 1, `cut ${k} dropped a connection: ${answer}`);
            console.log(`# cut ${k} after ${numbered(A, "B").length} of B's messages: ${answer}`);
        }
        const calls = [...(await fromA), ...(await fromB)];
        const results = await Promise.allSettled(calls);
        const failed = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
        assert.deepEqual(failed, [], "every SendMessage completed");
    });

    await check("every message arrived exactly once and in order, both ways", async () => {
        await until(() => numbered(A, "B").length >= COUNT && numbered(B, "A").length >= COUNT && numbered(A, "A").length >= COUNT,
            `all arrived: A has ${numbered(A, "B").length} of B's and ${numbered(A, "A").length} of its own, B has ${numbered(B, "A").length} of A's`, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500)); // duplicates, if any, come late
        for (const [c, user, what] of [[A, "B", "B's messages at A"], [B, "A", "A's messages at B"], [A, "A", "A's own messages at A"]]) {
            const got = numbered(c, user);
            assert.deepEqual(got, expected, `${what}: first difference ${firstDifference(got)}`);
        }
    });

    await check("A resumed each time: same connection id, never onreconnecting or onclose, still connected", async () => {
        assert.deepEqual(A.events, [], "A's connection events");
        assert.equal(A.connection.connectionId, id, "the same connection");
        assert.equal(A.connection.state, signalR.HubConnectionState.Connected);
        const text = `after the cuts ${run}`;
        await A.connection.invoke("SendMessage", room, "alice", text);
        await received(B, msg("alice", text), "A's message after the cuts");
    });
} else {
    let before;

    await check("A and B chat before the cut", async () => {
        before = A.connection.connectionId;
        await B.connection.invoke("SendMessage", room, "bob", `before ${run}`);
        await received(A, msg("bob", `before ${run}`), "B's message");
    });

    await check("the proxy now leads to the other instance and A's connection is cut: A reconnects in a new connection", async () => {
        const answer = await ask("RETARGET-CUT");
        assert.ok(Number(answer.split(" ")[1]) >= 1, `a connection was cut: ${answer}`);
        await until(() => A.events.some((e) => e.event === "reconnected"), `A reconnected; events: ${JSON.stringify(A.events)}`, 30_000);
        assert.ok(!A.events.some((e) => e.event === "close"), `A never closed: ${JSON.stringify(A.events)}`);
        assert.equal(A.connection.state, signalR.HubConnectionState.Connected);
        assert.notEqual(A.connection.connectionId, before, "a new connection id");
    });

    await check("A rejoins and chats with B both ways", async () => {
        await A.connection.invoke("JoinRoom", room);
        await received(B, joined(A.connection.connectionId, room), "A's new join notice");
        await A.connection.invoke("SendMessage", room, "alice", `after ${run}`);
        await received(B, msg("alice", `after ${run}`), "A's message");
        await B.connection.invoke("SendMessage", room, "bob", `welcome back ${run}`);
        await received(A, msg("bob", `welcome back ${run}`), "B's message");
    });
}

await done();
