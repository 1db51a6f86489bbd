// The chat page: the seed's page grown up. One room at a time (ReceiveMessage carries no room name,
// so the page labels what arrives with the room it is in). Every message is rendered as text.
// Signing in: a JWT from ?token= in the page's address (taken out of the address at once) or from the
// "Access token" field goes to the hub through accessTokenFactory (Authorization on negotiate, access_token
// on the WebSocket); the page then uses the token's name, which is the only one the server accepts. The
// token is held in memory only: never stored, logged or shown.
// Transport: the client's automatic choice (WebSockets, else Server-Sent Events, else Long Polling), or the one
// named by ?transport= (websockets, serversentevents or sse, longpolling; any case). The one in use is shown
// beside the connection state.
"use strict";
(() => {
    const HISTORY_LIMIT = 50;
    const LIVE_KEPT = 4 * HISTORY_LIMIT;

    const $ = (id) => document.getElementById(id);
    const ui = {
        state: $("connection-state"),
        transport: $("transport"),
        signInForm: $("sign-in-form"),
        signedIn: $("signed-in"),
        token: $("access-token"),
        roomForm: $("room-form"),
        user: $("user-name"),
        room: $("room-name"),
        join: $("join"),
        leave: $("leave"),
        currentRoom: $("current-room"),
        error: $("error"),
        messages: $("messages"),
        sendForm: $("send-form"),
        input: $("message-input"),
        send: $("send"),
    };

    const chat = {
        connected: false,
        room: null,        // the room this page is in, or null
        lastId: null,      // newest history id seen for that room (Redis stream id "ms-seq")
        live: [],          // live messages since lastId: {user, message, li}, to dedupe history against
        anchor: null,      // first message shown since the last (re)join: history goes before it
        ids: new Set(),    // "room\nid" of the history entries already shown
        restarting: false, // signing in: the old connection's close is not a disconnect
        transport: null,   // the transport the client selected last ("WebSockets", "ServerSentEvents", "LongPolling")
    };

    // ---- rendering (textContent only, never innerHTML) ----

    function showMessage(room, user, message, entry, before) {
        const li = document.createElement("li");
        li.dataset.testid = "message";
        li.dataset.room = room;
        li.dataset.user = user;
        li.className = user === "System" ? "message system" : "message";
        const roomSpan = document.createElement("span");
        roomSpan.className = "room";
        roomSpan.textContent = room;
        const userSpan = document.createElement("span");
        userSpan.className = "user";
        userSpan.textContent = user;
        const textSpan = document.createElement("span");
        textSpan.className = "text";
        textSpan.textContent = message;
        li.append(roomSpan, " · ", userSpan, ": ", textSpan);
        if (entry) {
            li.dataset.id = entry.id;
            li.classList.add("history");
            if (entry.timestamp) li.title = entry.timestamp;
        }
        const stick = ui.messages.scrollTop + ui.messages.clientHeight >= ui.messages.scrollHeight - 8;
        ui.messages.insertBefore(li, before && before.parentNode === ui.messages ? before : null);
        if (stick) ui.messages.scrollTop = ui.messages.scrollHeight;
        return li;
    }

    function showError(text) {
        ui.error.textContent = redact(text || "");
    }

    function errorText(err) {
        return redact((err && err.message) ? err.message : String(err));
    }

    // ---- sign-in (the token stays in this closure) ----

    const auth = {
        token: null,       // the JWT, or null: anonymous
        name: null,        // its display name (preferred_username, else sub), or null when unreadable
        seen: new Set(),   // every token this page was given, to keep out of anything it shows or logs
    };

    function redact(text) {
        let out = String(text);
        for (const token of auth.seen) out = out.split(token).join("[token]");
        return out;
    }

    // The name the server will use with its default settings: preferred_username (chat.auth.name-claim), else sub.
    function nameOf(token) {
        try {
            const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
            const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
            const name = typeof claims.preferred_username === "string" && claims.preferred_username.trim() !== ""
                ? claims.preferred_username : claims.sub;
            return typeof name === "string" && name !== "" ? name : null;
        } catch (e) {
            return null;
        }
    }

    // ?token=<jwt>: taken and removed from the address, so it stays out of the history, bookmarks and Referer.
    function tokenFromAddress() {
        let url;
        try {
            url = new URL(window.location.href);
        } catch (e) {
            return null;
        }
        const token = url.searchParams.get("token");
        if (token === null) return null;
        url.searchParams.delete("token");
        try {
            window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
        } catch (e) { /* keep going */ }
        return token.trim() === "" ? null : token.trim();
    }

    function storedName() {
        try {
            return localStorage.getItem("chat.user") || "";
        } catch (e) {
            return ""; // no storage
        }
    }

    function useToken(token) {
        auth.token = token || null;
        auth.name = auth.token ? nameOf(auth.token) : null;
        if (auth.token) auth.seen.add(auth.token);
        ui.token.value = "";
        if (auth.token && auth.name !== null) {
            ui.user.value = auth.name;
            ui.user.readOnly = true;
            ui.signedIn.textContent = "Signed in as " + auth.name;
        } else if (auth.token) {
            ui.user.readOnly = false; // a name claim the page cannot read: the server says which name it takes
            ui.signedIn.textContent = "Signed in";
        } else {
            ui.user.readOnly = false;
            ui.user.value = storedName();
            ui.signedIn.textContent = "Not signed in";
        }
        ui.signedIn.dataset.user = auth.name || "";
    }

    function unauthorized(err) {
        const message = (err && err.message) ? String(err.message) : String(err);
        return (err && err.statusCode === 401) || /Status code '401'/.test(message);
    }

    // The server's one-line reason of a 401 ("A bearer token is required: ...", "Invalid token: it has expired").
    function unauthorizedReason(err) {
        const found = /Error: ([\s\S]*?)\s*: Status code '401'/.exec(errorText(err));
        return found ? found[1].trim() : "the server answered 401";
    }

    function setConnection(state) {
        ui.state.textContent = state;
        ui.state.dataset.state = state;
        document.body.dataset.connection = state;
        chat.connected = state === "connected";
        const transport = chat.connected && chat.transport ? chat.transport : "";
        ui.transport.textContent = transport ? "(" + TRANSPORT_LABELS[transport] + ")" : "";
        ui.transport.dataset.transport = transport;
        refreshControls();
    }

    function refreshControls() {
        ui.join.disabled = !chat.connected;
        ui.leave.disabled = !chat.connected || chat.room === null;
        ui.send.disabled = !chat.connected || chat.room === null;
        ui.currentRoom.textContent = chat.room === null ? "(none)" : chat.room;
        ui.currentRoom.dataset.room = chat.room === null ? "" : chat.room;
    }

    // ---- history: stream ids "1732580000000-0" compare as (ms, seq) ----

    function compareIds(a, b) {
        const pa = /^(\d+)-(\d+)$/.exec(String(a));
        const pb = /^(\d+)-(\d+)$/.exec(String(b));
        if (pa && pb) {
            const ms = BigInt(pa[1]) - BigInt(pb[1]);
            if (ms !== 0n) return ms < 0n ? -1 : 1;
            const seq = BigInt(pa[2]) - BigInt(pb[2]);
            return seq === 0n ? 0 : (seq < 0n ? -1 : 1);
        }
        return String(a) < String(b) ? -1 : (String(a) > String(b) ? 1 : 0);
    }

    // Shows the history entries newer than the last one seen, skipping those already shown (by id)
    // and those that already arrived live (same user and text, in order).
    async function fillFromHistory(room) {
        let entries;
        try {
            entries = await chat.connection.invoke("GetHistory", room, HISTORY_LIMIT);
        } catch (err) {
            console.warn("GetHistory failed", err);
            return;
        }
        if (chat.room !== room || !Array.isArray(entries)) return;
        const pending = chat.live.slice();
        const before = chat.anchor;
        for (const entry of entries) {
            if (!entry || entry.id === undefined) continue;
            const key = room + "\n" + entry.id;
            if (chat.ids.has(key)) continue;
            if (chat.lastId !== null && compareIds(entry.id, chat.lastId) <= 0) continue;
            chat.ids.add(key);
            const seen = pending.findIndex((m) => m.user === entry.user && m.message === entry.message);
            if (seen >= 0) {
                pending[seen].li.dataset.id = entry.id;
                pending.splice(0, seen + 1);
                continue;
            }
            showMessage(room, entry.user, entry.message, entry, before);
        }
        for (const entry of entries) {
            if (entry && entry.id !== undefined && (chat.lastId === null || compareIds(entry.id, chat.lastId) > 0)) {
                chat.lastId = entry.id;
            }
        }
        chat.live = pending; // what is left arrived after the history was read: next time's duplicates
        chat.anchor = null;
    }

    // ---- hub calls ----

    async function enter(room) {
        chat.room = room;
        chat.anchor = null;
        refreshControls();
        await chat.connection.invoke("JoinRoom", room);
        await fillFromHistory(room);
    }

    async function join(room) {
        if (chat.room === room) return;
        if (chat.room !== null) await leave();
        chat.lastId = null;
        chat.live = [];
        try {
            await enter(room);
            showError("");
        } catch (err) {
            chat.room = null;
            refreshControls();
            showError("Could not join " + room + ": " + errorText(err));
        }
    }

    async function leave() {
        const room = chat.room;
        if (room === null) return;
        chat.room = null;
        chat.anchor = null;
        refreshControls();
        try {
            await chat.connection.invoke("LeaveRoom", room);
            showError("");
        } catch (err) {
            showError("Could not leave " + room + ": " + errorText(err));
        }
    }

    // After an automatic reconnect (a new connection id, no groups), or a restart: back into the
    // room, then whatever was said meanwhile from the history.
    async function resume() {
        if (chat.room === null) return;
        try {
            await enter(chat.room);
        } catch (err) {
            showError("Could not rejoin " + chat.room + ": " + errorText(err));
        }
    }

    async function send() {
        const text = ui.input.value;
        const user = auth.token && auth.name !== null ? auth.name : ui.user.value.trim();
        if (text.trim() === "") return;
        if (user === "") {
            showError("Enter your name first.");
            ui.user.focus();
            return;
        }
        if (chat.room === null) {
            showError("Join a room first.");
            ui.room.focus();
            return;
        }
        try {
            await chat.connection.invoke("SendMessage", chat.room, user, text);
            ui.input.value = "";
            showError("");
        } catch (err) {
            showError("Not sent: " + errorText(err));
        }
    }

    // ---- transport ----

    const TRANSPORT_LABELS = { WebSockets: "WebSockets", ServerSentEvents: "Server-Sent Events", LongPolling: "Long Polling" };

    // ?transport=: one transport forced, or undefined for the client's own fallback.
    function requestedTransport() {
        let value;
        try {
            value = new URL(window.location.href).searchParams.get("transport");
        } catch (e) {
            return undefined;
        }
        if (value === null) return undefined;
        const known = {
            websockets: signalR.HttpTransportType.WebSockets,
            serversentevents: signalR.HttpTransportType.ServerSentEvents,
            sse: signalR.HttpTransportType.ServerSentEvents,
            longpolling: signalR.HttpTransportType.LongPolling,
        };
        const key = value.trim().toLowerCase();
        if (Object.prototype.hasOwnProperty.call(known, key)) return known[key];
        console.warn("Ignoring ?transport=" + value + ": use websockets, serversentevents (or sse) or longpolling."
            + " Choosing the transport automatically.");
        return undefined;
    }

    // The client's log: warnings and errors to the console (as its own console logger did), and the transport
    // it selects (the last one selected before it connects is the one in use).
    const logger = {
        log(level, message) {
            const selected = /^Selecting transport '(\w+)'\.$/.exec(message);
            if (selected && Object.prototype.hasOwnProperty.call(TRANSPORT_LABELS, selected[1])) chat.transport = selected[1];
            if (level < signalR.LogLevel.Warning || level === signalR.LogLevel.None) return;
            const line = "[" + new Date().toISOString() + "] " + signalR.LogLevel[level] + ": " + message;
            if (level >= signalR.LogLevel.Error) console.error(line);
            else console.warn(line);
        },
    };

    // ---- connection ----

    const options = { accessTokenFactory: () => auth.token || "" };
    const transport = requestedTransport();
    if (transport !== undefined) options.transport = transport;
    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/chatHub", options)
        .withAutomaticReconnect()
        .configureLogging(logger)
        .build();
    chat.connection = connection;

    connection.on("ReceiveMessage", (user, message, room) => {
        const label = typeof room === "string" ? room : (chat.room === null ? "" : chat.room);
        const li = showMessage(label, String(user), String(message), null, null);
        if (chat.room !== null && label === chat.room) {
            if (chat.anchor === null) chat.anchor = li;
            chat.live.push({ user: String(user), message: String(message), li });
            if (chat.live.length > LIVE_KEPT) chat.live.shift();
        }
    });

    connection.onreconnecting(() => setConnection("reconnecting"));
    connection.onreconnected(() => {
        setConnection("connected");
        resume();
    });
    connection.onclose((err) => {
        if (chat.restarting) return;
        if (err && unauthorized(err)) {
            refused(err);
            return;
        }
        setConnection("disconnected");
        retryLater();
    });

    let retryTimer = null;
    function retryLater() {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(start, 5000);
    }

    // 401: no point in trying again with the same token; the page waits for a (new) token.
    function refused(err) {
        clearTimeout(retryTimer);
        setConnection("unauthorized");
        const reason = unauthorizedReason(err);
        showError(auth.token
            ? "Sign-in refused (401): " + reason + ". Sign in with a new access token."
            : "Sign in to chat: this server requires an access token (401: " + reason + ").");
    }

    async function start() {
        clearTimeout(retryTimer);
        if (connection.state !== signalR.HubConnectionState.Disconnected) return;
        setConnection("connecting");
        try {
            await connection.start();
        } catch (err) {
            if (unauthorized(err)) {
                refused(err);
                return;
            }
            console.warn("SignalR start failed: " + errorText(err));
            setConnection("disconnected");
            retryLater();
            return;
        }
        setConnection("connected");
        showError("");
        await resume();
    }

    // A new token: a new connection under the new identity (back into the room if it may).
    async function signIn(token) {
        useToken(token);
        chat.restarting = true;
        try {
            await connection.stop();
        } catch (e) { /* stopped anyway */ }
        chat.restarting = false;
        await start();
    }

    // ---- UI ----

    useToken(tokenFromAddress());
    ui.user.addEventListener("change", () => {
        if (auth.token) return;
        try { localStorage.setItem("chat.user", ui.user.value.trim()); } catch (e) { /* no storage */ }
    });
    ui.signInForm.addEventListener("submit", (event) => {
        event.preventDefault();
        signIn(ui.token.value.trim());
    });

    ui.roomForm.addEventListener("submit", (event) => {
        event.preventDefault();
        const room = ui.room.value.trim();
        if (room === "") {
            showError("Enter a room name.");
            return;
        }
        join(room);
    });
    ui.leave.addEventListener("click", () => leave());
    ui.sendForm.addEventListener("submit", (event) => {
        event.preventDefault();
        send();
    });

    window.chat = { connection, state: chat };
    start();
})();
