// Drives chat-service's page (GET /) in headless Chromium (Debian's /usr/bin/chromium through playwright-core)
// against an instance with auth required (CHAT_AUTH_REQUIRED=true): pages signed in with ?token=<jwt> chat under
// their signed-in names, a page without a token shows the 401 as an error state and signs in through its
// "Access token" field. Usage:
//   AUTH_TOKENS='{"alice":"<jwt>","bob":"<jwt>","carol":"<jwt>","expired":"<jwt>"}' node chromium-auth.mjs <url> [screenshot.png]
// (or CHAT_URL / SCREENSHOT; CHROMIUM overrides the browser's path). alice, bob and carol may use team-*; the
// tokens are minted by ChromiumAuthIT and never printed (every line printed is checked for them).
// Prints one line per check ("ok N - ..." / "not ok N - ..."), exits 0 only when all pass.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { chromium } from "playwright-core";

const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 15_000);
const QUIET_MS = Number(process.env.QUIET_MS || 1_500);
const OVERALL_TIMEOUT_MS = Number(process.env.OVERALL_TIMEOUT_MS || 90_000);

const URL1 = (process.argv[2] || process.env.CHAT_URL || "").replace(/\/+$/, "").replace(/\/chatHub$/i, "");
const SCREENSHOT = resolve(process.argv[3] || process.env.SCREENSHOT || "../../../target/chromium-auth.png");
const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";
let T;
try {
    T = JSON.parse(process.env.AUTH_TOKENS || "");
} catch (err) {
    T = null;
}
if (!URL1 || !T || ["alice", "bob", "carol", "expired"].some((k) => typeof T[k] !== "string")) {
    console.error("usage: AUTH_TOKENS='{\"alice\":..,\"bob\":..,\"carol\":..,\"expired\":..}' node chromium-auth.mjs <url> [screenshot.png]");
    process.exit(2);
}
const TOKENS = Object.values(T);
const holdsToken = (s) => TOKENS.some((t) => String(s).includes(t) || String(s).includes(encodeURIComponent(t)) || String(s).includes(t.split(".")[2]));

let leaked = 0;
function out(line) {
    let text = String(line);
    for (const t of TOKENS) {
        for (const piece of [t, encodeURIComponent(t), t.split(".")[2]]) {
            if (text.includes(piece)) {
                text = text.split(piece).join("[token]");
                leaked++;
            }
        }
    }
    process.stdout.write(text + "\n");
}

out(`# instance: ${URL1}`);

let browser;
const overall = setTimeout(() => {
    out(`not ok - the whole run took longer than ${OVERALL_TIMEOUT_MS} ms`);
    process.exit(3);
}, OVERALL_TIMEOUT_MS);
overall.unref();

let counter = 0;
async function check(name, fn) {
    counter++;
    try {
        await fn();
        out(`ok ${counter} - ${name}`);
    } catch (err) {
        out(`not ok ${counter} - ${name}`);
        out(String(err && err.stack ? err.stack : err).replace(/^/gm, "    "));
        await dumpPages();
        if (browser) await browser.close().catch(() => {});
        process.exit(1);
    }
}

const pages = [];

async function dumpPages() {
    for (const p of pages) {
        try {
            out(`# ${p.name}: ${JSON.stringify(await view(p))}`);
        } catch (err) {
            out(`# ${p.name}: ${err.message}`);
        }
        for (const line of p.console) out(`# ${p.name} console: ${line}`);
    }
}

// What the page shows.
function view(p) {
    return p.page.evaluate(() => ({
        connection: document.querySelector("[data-testid=connection-state]")?.dataset.state,
        signedIn: document.querySelector("[data-testid=signed-in]")?.textContent,
        user: document.querySelector("[data-testid=user-name]")?.value,
        room: document.querySelector("[data-testid=current-room]")?.textContent,
        error: document.querySelector("[data-testid=error]")?.textContent,
        messages: [...document.querySelectorAll("[data-testid=messages] li")].map((li) => li.textContent),
    }));
}

async function openPage(name, token) {
    const context = await browser.newContext({ viewport: { width: 900, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const p = { name, context, page, console: [], errors: [], requests: [], sockets: [] };
    page.on("console", (m) => p.console.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => p.errors.push(String(e)));
    page.on("request", (r) => p.requests.push(r.url()));
    page.on("websocket", (ws) => p.sockets.push(ws.url()));
    pages.push(p);
    const response = await page.goto(URL1 + "/" + (token ? `?token=${encodeURIComponent(token)}` : ""));
    assert.equal(response.status(), 200, `GET ${URL1}/`);
    return p;
}

async function connectionState(p, wanted) {
    try {
        await p.page.waitForFunction((s) => document.querySelector("[data-testid=connection-state]")?.dataset.state === s, wanted);
    } catch (err) {
        throw new Error(`${p.name} is not ${wanted}: ${JSON.stringify(await view(p))}`);
    }
    assert.equal(await p.page.getByTestId("connection-state").textContent(), wanted);
}

const texts = (p) => p.page.locator("[data-testid=messages] li").allTextContents();

async function shows(p, text) {
    try {
        await p.page.waitForFunction((t) => [...document.querySelectorAll("[data-testid=messages] li")].some((li) => li.textContent === t), text);
    } catch (err) {
        throw new Error(`${p.name} does not show ${JSON.stringify(text)}; it shows ${JSON.stringify(await texts(p))}`);
    }
}

async function join(p, room) {
    await p.page.getByLabel("Room", { exact: true }).fill(room);
    await p.page.getByTestId("join").click();
}

async function joined(p, room) {
    await join(p, room);
    await p.page.waitForFunction((r) => document.querySelector("[data-testid=current-room]")?.dataset.room === r, room);
}

async function say(p, text) {
    const input = p.page.getByTestId("message-input");
    await input.fill(text);
    await input.press("Enter");
    await p.page.waitForFunction(() => document.querySelector("[data-testid=message-input]").value === "");
}

async function errorShown(p, pattern) {
    try {
        await p.page.waitForFunction((source) => new RegExp(source).test(document.querySelector("[data-testid=error]")?.textContent || ""), pattern.source);
    } catch (err) {
        throw new Error(`${p.name} shows no error matching ${pattern}: ${JSON.stringify(await view(p))}`);
    }
    return p.page.getByTestId("error").textContent();
}

async function signedInAs(p, name) {
    await p.page.waitForFunction((n) => document.querySelector("[data-testid=signed-in]")?.dataset.user === n, name);
    assert.equal(await p.page.getByTestId("signed-in").textContent(), `Signed in as ${name}`);
    const field = p.page.getByLabel("Your name", { exact: true });
    assert.equal(await field.inputValue(), name, `${p.name}: the name field shows the signed-in name`);
    assert.equal(await field.evaluate((el) => el.readOnly), true, `${p.name}: the name field is read-only`);
}

// ---- the run ----

const run = randomUUID().slice(0, 8);
const room = `team-${run}`;
const ops = `ops-${run}`;
let A, B, C;

await check(`launch ${EXECUTABLE} headless`, async () => {
    browser = await chromium.launch({
        executablePath: EXECUTABLE,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    out(`# chromium ${browser.version()}`);
});

await check("a page opened with ?token=<alice's JWT> connects, signed in as alice; the token is gone from its address", async () => {
    A = await openPage("alice's page", T.alice);
    await connectionState(A, "connected");
    await signedInAs(A, "alice");
    assert.ok(!A.page.url().includes("token="), "the address no longer holds the token");
    assert.ok(A.sockets.some((u) => u.includes("access_token=")), "the WebSocket carried the token as access_token");
});

await check("bob's page (?token=) connects, signed in as bob", async () => {
    B = await openPage("bob's page", T.bob);
    await connectionState(B, "connected");
    await signedInAs(B, "bob");
});

await check(`alice's page may not join ${ops} (outside her rooms claim): the server's refusal is shown, the page stays connected`, async () => {
    await join(A, ops);
    const error = await errorShown(A, /Could not join .*may not join/);
    out(`#   shown: ${error}`);
    assert.equal(await A.page.getByTestId("current-room").textContent(), "(none)");
    await connectionState(A, "connected");
});

await check(`both join ${room} (team-*); each sees bob's join notice`, async () => {
    await joined(A, room);
    await joined(B, room);
    const bobId = await B.page.evaluate(() => window.chat.connection.connectionId);
    await shows(A, `${room} · System: ${bobId} has joined the room ${room}`);
    await shows(B, `${room} · System: ${bobId} has joined the room ${room}`);
    await A.page.waitForFunction(() => document.querySelector("[data-testid=error]")?.textContent === ""); // the earlier error is cleared
});

await check("they chat: each message shows under the sender's signed-in name on both pages", async () => {
    const hi = `hello from alice's page (${run})`;
    await say(A, hi);
    await shows(B, `${room} · alice: ${hi}`);
    await shows(A, `${room} · alice: ${hi}`);
    const reply = `hello from bob's page (${run})`;
    await say(B, reply);
    await shows(A, `${room} · bob: ${reply}`);
});

await check("SendMessage under another name from alice's page (bypassing the read-only field) is refused by the server; bob's page shows nothing", async () => {
    const forged = `alice as bob (${run})`;
    const result = await A.page.evaluate(async ([r, t]) => {
        try {
            await window.chat.connection.invoke("SendMessage", r, "bob", t);
            return "sent";
        } catch (err) {
            return String(err.message);
        }
    }, [room, forged]);
    assert.match(result, /signed in as 'alice'/, `the invocation was refused: ${result}`);
    await A.page.waitForTimeout(QUIET_MS);
    for (const p of [A, B]) assert.ok(!(await texts(p)).some((t) => t.includes(forged)), `${p.name} does not show the forged message`);
    await connectionState(A, "connected");
});

await check("a page without a token shows the 401 as an error state (unauthorized, the server's reason), without a crash or a retry loop", async () => {
    C = await openPage("page without a token", null);
    await connectionState(C, "unauthorized");
    const error = await errorShown(C, /Sign in to chat.*401/);
    out(`#   shown: ${error}`);
    assert.match(error, /bearer token is required/i, "the server's reason is shown");
    assert.equal(await C.page.getByTestId("signed-in").textContent(), "Not signed in");
    assert.equal(await C.page.getByTestId("join").isDisabled(), true, "join is disabled");
    assert.equal(await C.page.getByTestId("send").isDisabled(), true, "send is disabled");
    await C.page.waitForTimeout(QUIET_MS);
    await connectionState(C, "unauthorized");
    const negotiations = C.requests.filter((u) => u.includes("/chatHub/negotiate")).length;
    assert.equal(negotiations, 1, `one negotiate, no retry with the same (missing) token: ${negotiations}`);
    assert.deepEqual(C.errors, [], "no script errors");
});

await check("that page signs in with an expired token in its Access token field: refused (401, expired), the field is emptied", async () => {
    await C.page.getByLabel("Access token", { exact: true }).fill(T.expired);
    await C.page.getByTestId("sign-in").click();
    const error = await errorShown(C, /Sign-in refused \(401\).*expired/);
    out(`#   shown: ${error}`);
    await connectionState(C, "unauthorized");
    assert.equal(await C.page.getByLabel("Access token", { exact: true }).inputValue(), "", "the field no longer holds the token");
});

await check(`it signs in with carol's token in the field: connected as carol, joins ${room}, alice's page sees her message`, async () => {
    await C.page.getByLabel("Access token", { exact: true }).fill(T.carol);
    await C.page.getByTestId("sign-in").click();
    await connectionState(C, "connected");
    await signedInAs(C, "carol");
    assert.equal(await C.page.getByTestId("error").textContent(), "", "the error is cleared");
    await joined(C, room);
    const hi = `carol signed in through the field (${run})`;
    await say(C, hi);
    await shows(A, `${room} · carol: ${hi}`);
    await shows(C, `${room} · carol: ${hi}`);
});

await check("no page shows or logs a token: not in the text, the inputs, the title, the address or the console", async () => {
    for (const p of pages) {
        const shown = await p.page.evaluate(() => [document.body.innerText, document.title,
            ...[...document.querySelectorAll("input")].map((i) => i.value), window.location.href].join("\n"));
        assert.ok(!holdsToken(shown), `${p.name} shows a token`);
        assert.ok(!holdsToken(p.console.join("\n")), `${p.name}'s console holds a token`);
        const stored = await p.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
        assert.ok(!holdsToken(stored), `${p.name} stored a token`);
    }
});

await check(`screenshot of alice's page saved to ${SCREENSHOT}`, async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await A.page.screenshot({ path: SCREENSHOT, fullPage: true });
});

await check("no script errors on any page", async () => {
    for (const p of pages) assert.deepEqual(p.errors, [], `${p.name} page errors`);
});

await check("no token appeared in this script's output", async () => {
    assert.equal(leaked, 0, `${leaked} line(s) held a token (redacted above)`);
});

await browser.close();
out(`# all ${counter} checks passed`);
process.exit(0);
