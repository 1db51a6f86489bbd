// Every SignalR transport and protocol of chat-service with the official @microsoft/signalr Node client
// (and @microsoft/signalr-protocol-msgpack), through a round-robin load balancer without sticky sessions
// (a private nginx in front of two instances that share one Redis). Usage:
//   node signalr-transports.mjs <hub url> <hub url that refuses WebSocket upgrades> <mode>
// mode:
//   pair:<WebSockets|ServerSentEvents|LongPolling>:<json|messagepack>
//       two clients forced to that transport and protocol: connection ids, joins, messages both ways (one at
//       a time and a burst), history, an unknown method, leaving.
//   fallback
//       through the port that refuses upgrades: WebSockets alone fails; the default transports connect
//       without WebSockets and chat; WebSockets|LongPolling ends up on LongPolling.
//   shutdown
//       clients of every transport with automatic reconnect, on both instances (as the admin API's members
//       say); asks the test to stop (SIGTERM) instance "it-one" ("STOP it-one" on stdout, an answer on stdin);
//       its clients are told to reconnect (SignalR Close with allowReconnect), reconnect through nginx to
//       it-two and chat; the clients of it-two are not disturbed. SHUTDOWN_TRANSPORTS=WebSockets,LongPolling (say)
//       limits it to some transports.
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import {
    ask, baseUrl, check, client, clients, done, hubUrl, joined, left, members, msg, negotiate, nothing, overall,
    received, signalR, TRANSPORTS, until,
} from "./harness.mjs";

const HUB = hubUrl(process.argv[2]);
const NO_UPGRADE_HUB = hubUrl(process.argv[3]);
const MODE = process.argv[4] || "";
if (!HUB || !NO_UPGRADE_HUB || !MODE) {
    console.error("usage: node signalr-transports.mjs <hub url> <hub url without upgrades> <pair:T:P | fallback | shutdown>");
    process.exit(2);
}
console.log(`# hub (through the balancer): ${HUB}`);
console.log(`# hub refusing upgrades: ${NO_UPGRADE_HUB}`);
console.log(`# mode: ${MODE}; @microsoft/signalr ${signalR.VERSION}, node ${process.version}`);
overall(Number(process.env.OVERALL_TIMEOUT_MS || 90_000));

const run = randomUUID().slice(0, 8);

/** The instance holding a connection, from the admin API (the connection must be in `room`). */
async function holder(c, room) {
    let found;
    await until(async () => {
        found = (await members(HUB, room)).find((m) => m.connectionId === c.connection.connectionId);
        return found !== undefined;
    }, `${c.name} (${c.connection.connectionId}) is listed in ${room}`);
    return found.instance;
}

// ---- pair:<transport>:<protocol> ----

async function pair(transportName, protocol) {
    const transport = TRANSPORTS[transportName];
    assert.ok(transport !== undefined, `unknown transport ${transportName}`);
    const room = `tr-${transportName}-${protocol}-${run}`;
    const options = { http: { transport }, protocol };
    let A, B;

    await check(`${transportName}/${protocol}: negotiate offers ${transportName}`, async () => {
        const body = await negotiate(HUB);
        const offered = (body.availableTransports || []).find((t) => t.transport === transportName);
        assert.ok(offered, `${transportName} is offered: ${JSON.stringify(body)}`);
        const format = protocol === "messagepack" ? "Binary" : "Text";
        assert.ok(offered.transferFormats.includes(format), `${transportName} offers ${format}: ${JSON.stringify(offered)}`);
    });

    await check(`${transportName}/${protocol}: client A connects with ${transportName} and ${protocol}, and has a connection id`, async () => {
        A = await client("A", HUB, options);
        assert.equal(A.transport, transportName, "the transport A uses");
        assert.equal(A.protocol, protocol, "the protocol A uses");
        assert.equal(typeof A.connection.connectionId, "string");
        assert.ok(A.connection.connectionId.length > 0, "A has a connection id");
    });

    await check(`${transportName}/${protocol}: client B connects the same way, with another connection id`, async () => {
        B = await client("B", HUB, options);
        assert.equal(B.transport, transportName);
        assert.equal(B.protocol, protocol);
        assert.ok(B.connection.connectionId && B.connection.connectionId !== A.connection.connectionId,
            `distinct ids: ${A.connection.connectionId} ${B.connection.connectionId}`);
    });

    await check(`${transportName}/${protocol}: A and B join ${room}; the notices name their connection ids`, async () => {
        await A.connection.invoke("JoinRoom", room);
        await received(A, joined(A.connection.connectionId, room), "its own join notice");
        await B.connection.invoke("JoinRoom", room);
        await received(B, joined(B.connection.connectionId, room), "its own join notice");
        await received(A, joined(B.connection.connectionId, room), "B's join notice");
    });

    const fromA = `hello from A ${run} <b>&amp;</b> ✓ ${"é".repeat(3)}`;
    const fromB = `hello from B ${run}`;
    await check(`${transportName}/${protocol}: messages both ways`, async () => {
        await A.connection.invoke("SendMessage", room, "alice", fromA);
        await received(B, msg("alice", fromA), "A's message");
        await received(A, msg("alice", fromA), "its own message");
        await B.connection.invoke("SendMessage", room, "bob", fromB);
        await received(A, msg("bob", fromB), "B's message");
        await received(B, msg("bob", fromB), "its own message");
    });

    await check(`${transportName}/${protocol}: GetHistory returns both messages, oldest first`, async () => {
        for (const c of [A, B]) {
            const history = await c.connection.invoke("GetHistory", room, 50);
            assert.ok(Array.isArray(history), `GetHistory returns an array: ${JSON.stringify(history)}`);
            const ours = history.filter((e) => e.user !== "System").map((e) => [e.user, e.message]);
            assert.deepEqual(ours, [["alice", fromA], ["bob", fromB]], `${c.name}: ${JSON.stringify(history)}`);
            for (const entry of history) {
                assert.equal(typeof entry.id, "string", JSON.stringify(entry));
                assert.ok(!Number.isNaN(Date.parse(entry.timestamp)), JSON.stringify(entry));
            }
        }
    });

    await check(`${transportName}/${protocol}: an unknown hub method rejects naming it; the connection stays usable`, async () => {
        await assert.rejects(A.connection.invoke("NoSuchMethod", room), (err) => {
            assert.match(String(err && err.message), /NoSuchMethod/, `error mentions the method: ${err && err.message}`);
            return true;
        });
        assert.equal(A.connection.state, signalR.HubConnectionState.Connected);
        const text = `still here ${run}`;
        await A.connection.invoke("SendMessage", room, "alice", text);
        await received(B, msg("alice", text), "A's message after the failed call");
    });

    await check(`${transportName}/${protocol}: 20 messages sent at once arrive once each, in order`, async () => {
        const texts = Array.from({ length: 20 }, (_, i) => `burst ${i} ${run}`);
        await Promise.all(texts.map((t) => B.connection.invoke("SendMessage", room, "bob", t)));
        for (const t of texts) await received(A, msg("bob", t), `"${t}"`);
        const got = A.inbox.filter((m) => m.user === "bob" && m.message.startsWith("burst ")).map((m) => m.message);
        assert.deepEqual(got, texts, "each once, in the order sent");
    });

    await check(`${transportName}/${protocol}: B leaves; A sees the notice; B gets no more of the room`, async () => {
        await B.connection.invoke("LeaveRoom", room);
        await received(A, left(B.connection.connectionId, room), "B's leave notice");
        const text = `after B left ${run}`;
        await A.connection.invoke("SendMessage", room, "alice", text);
        await received(A, msg("alice", text), "its own message");
        await nothing(B, msg("alice", text), "a message of a room it left");
    });

    await check(`${transportName}/${protocol}: both still connected with ${transportName}, no reconnects`, async () => {
        for (const c of [A, B]) {
            assert.equal(c.connection.state, signalR.HubConnectionState.Connected, `${c.name} is connected`);
            assert.deepEqual(c.events, [], `${c.name}'s connection events`);
        }
    });
}

// ---- fallback: a proxy that does not do WebSockets ----

async function fallback() {
    const room = `fallback-${run}`;
    let G;

    await check("a client forced to WebSockets cannot connect through the port that refuses upgrades", async () => {
        const forced = new signalR.HubConnectionBuilder()
            .withUrl(NO_UPGRADE_HUB, { transport: signalR.HttpTransportType.WebSockets })
            .configureLogging(signalR.LogLevel.None).build();
        await assert.rejects(forced.start());
        assert.equal(forced.state, signalR.HubConnectionState.Disconnected);
    });

    await check("negotiate through that port still offers WebSockets, ServerSentEvents and LongPolling", async () => {
        const body = await negotiate(NO_UPGRADE_HUB);
        const names = (body.availableTransports || []).map((t) => t.transport);
        for (const t of ["WebSockets", "ServerSentEvents", "LongPolling"]) assert.ok(names.includes(t), `${t} in ${JSON.stringify(body)}`);
    });

    await check("G connects with WebSockets through the main port and joins", async () => {
        G = await client("G", HUB, { http: { transport: signalR.HttpTransportType.WebSockets } });
        await G.connection.invoke("JoinRoom", room);
        await received(G, joined(G.connection.connectionId, room), "its own join notice");
    });

    for (const [name, http, expected] of [
        ["F", undefined, ["ServerSentEvents", "LongPolling"]],
        ["H", { transport: signalR.HttpTransportType.WebSockets | signalR.HttpTransportType.LongPolling }, ["LongPolling"]],
    ]) {
        const how = http ? "with transport WebSockets | LongPolling" : "with the default transports";
        await check(`${name} connects ${how} through the port that refuses upgrades: WebSockets fails, it falls back to ${expected.join(" or ")}`, async () => {
            const c = await client(name, NO_UPGRADE_HUB, http ? { http } : {});
            assert.ok(expected.includes(c.transport), `${name} uses ${c.transport}`);
            assert.ok(c.log.some((l) => /Failed to start the transport 'WebSockets'/.test(l)), `${name} tried WebSockets first:\n${c.log.join("\n")}`);
        });

        await check(`${name} (fallen back) and G (WebSockets) chat in ${room}`, async () => {
            const c = clients.find((x) => x.name === name);
            await c.connection.invoke("JoinRoom", room);
            await received(G, joined(c.connection.connectionId, room), `${name}'s join notice`);
            const out = `${name} to G ${run}`;
            await c.connection.invoke("SendMessage", room, name, out);
            await received(G, msg(name, out), `${name}'s message`);
            const back = `G to ${name} ${run}`;
            await G.connection.invoke("SendMessage", room, "G", back);
            await received(c, msg("G", back), "G's message");
        });
    }
}

// ---- shutdown: an instance stops under its clients ----

const RETRY = [0, 250, 500, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 3000, 3000, 3000];

async function shutdown() {
    const room = `shutdown-${run}`;
    const held = { "it-one": [], "it-two": [] };

    const transports = (process.env.SHUTDOWN_TRANSPORTS || "WebSockets,ServerSentEvents,LongPolling").split(",");
    for (const transportName of transports) {
        await check(`${transportName} clients with automatic reconnect on both instances (through nginx)`, async () => {
            const have = () => ["it-one", "it-two"].every((i) => held[i].some((c) => c.transport === transportName));
            for (let n = 1; n <= 8 && !have(); n++) {
                const c = await client(`${transportName}-${n}`, HUB, { http: { transport: TRANSPORTS[transportName] }, reconnect: RETRY });
                assert.equal(c.transport, transportName);
                await c.connection.invoke("JoinRoom", room);
                c.instance = await holder(c, room);
                assert.ok(held[c.instance], `${c.name} is held by ${c.instance}`);
                held[c.instance].push(c);
                console.log(`# ${c.name} (${c.connection.connectionId}) is held by ${c.instance}`);
                // Round robin and a client that makes an even number of requests: the next one would land the
                // same way. A request of its own shifts the rotation by one.
                if (held[c.instance].filter((x) => x.transport === transportName).length > 1) {
                    await fetch(`${baseUrl(HUB)}/q/health/ready`).then((r) => r.arrayBuffer()).catch(() => {});
                }
            }
            assert.ok(have(), `a ${transportName} client on each instance: ${JSON.stringify(Object.fromEntries(
                Object.entries(held).map(([i, cs]) => [i, cs.map((c) => c.name)])))}`);
        });
    }

    const moving = () => held["it-one"];
    const staying = () => held["it-two"];

    await check("instance it-one is stopped (SIGTERM)", async () => {
        await ask("STOP it-one");
    });

    await check("it-one's clients are told to reconnect (a SignalR Close, not a dropped connection) and reconnect", async () => {
        for (const c of moving()) {
            await until(() => c.events.some((e) => e.event === "reconnected"), `${c.name} (${c.transport}) reconnected; events: ${JSON.stringify(c.events)}`, 45_000);
            const reconnecting = c.events.find((e) => e.event === "reconnecting");
            assert.ok(reconnecting, `${c.name} went through onreconnecting`);
            assert.match(reconnecting.error, /Server returned an error on close/, `${c.name} was sent a Close: ${reconnecting.error}`);
            assert.ok(!c.events.some((e) => e.event === "close"), `${c.name} never closed: ${JSON.stringify(c.events)}`);
            assert.equal(c.connection.state, signalR.HubConnectionState.Connected);
            assert.equal(c.transport, c.name.split("-")[0], `${c.name} reconnected with its transport`);
        }
    });

    await check("the reconnected clients rejoin and are held by it-two now", async () => {
        for (const c of moving()) {
            await c.connection.invoke("JoinRoom", room);
            assert.equal(await holder(c, room), "it-two", `${c.name} after the reconnect`);
        }
    });

    await check("it-two's clients stayed connected, no reconnect", async () => {
        for (const c of staying()) {
            assert.equal(c.connection.state, signalR.HubConnectionState.Connected, `${c.name} is connected`);
            assert.deepEqual(c.events, [], `${c.name}'s connection events`);
        }
    });

    await check("everyone chats again: each message reaches every client", async () => {
        const everyone = [...moving(), ...staying()];
        for (const c of everyone) {
            const text = `${c.name} after the shutdown ${run}`;
            await c.connection.invoke("SendMessage", room, c.name, text);
            for (const other of everyone) await received(other, msg(c.name, text), `${c.name}'s message`);
        }
    });
}

const pairMode = /^pair:(\w+):(json|messagepack)$/.exec(MODE);
if (pairMode) await pair(pairMode[1], pairMode[2]);
else if (MODE === "fallback") await fallback();
else if (MODE === "shutdown") await shutdown();
else {
    console.error(`unknown mode ${MODE}`);
    process.exit(2);
}
await done();
