// The chat page: the seed's page grown up. One room at a time (ReceiveMessage carries no room name,
// so the page labels what arrives with the room it is in). Every message is rendered as text.
"use strict";
(() => {
    const HISTORY_LIMIT = 50;
    const LIVE_KEPT = 4 * HISTORY_LIMIT;

    const $ = (id) => document.getElementById(id);
    const ui = {
        state: $("connection-state"),
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
        ui.error.textContent = text || "";
    }

    function errorText(err) {
        return (err && err.message) ? err.message : String(err);
    }

    function setConnection(state) {
        ui.state.textContent = state;
        ui.state.dataset.state = state;
        document.body.dataset.connection = state;
        chat.connected = state === "connected";
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
        const user = ui.user.value.trim();
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

    // ---- connection ----

    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/chatHub")
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.Warning)
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
    connection.onclose(() => {
        setConnection("disconnected");
        setTimeout(start, 5000);
    });

    async function start() {
        if (connection.state !== signalR.HubConnectionState.Disconnected) return;
        setConnection("connecting");
        try {
            await connection.start();
        } catch (err) {
            console.warn("SignalR start failed", err);
            setConnection("disconnected");
            setTimeout(start, 5000);
            return;
        }
        setConnection("connected");
        await resume();
    }

    // ---- UI ----

    try {
        ui.user.value = localStorage.getItem("chat.user") || "";
    } catch (e) { /* no storage */ }
    ui.user.addEventListener("change", () => {
        try { localStorage.setItem("chat.user", ui.user.value.trim()); } catch (e) { /* no storage */ }
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
