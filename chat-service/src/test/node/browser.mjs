// The chat page (GET /) in headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM, through playwright-core),
// for the chromium-*.mjs scripts: pages that record their console, errors, requests and WebSockets, and what a
// person does and sees on them. A failed check (harness.mjs) prints each page's state and console, then closes
// the browser.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { onFailure } from "./harness.mjs";

export const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";
export const pages = [];
let browser;

export async function launch() {
    browser = await chromium.launch({
        executablePath: EXECUTABLE,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    console.log(`# chromium ${browser.version()}`);
    return browser;
}

export async function closeBrowser() {
    if (browser) await browser.close().catch(() => {});
}

onFailure(async () => {
    await dumpPages();
    await closeBrowser();
});

export async function dumpPages() {
    for (const p of pages) {
        try {
            const state = await p.page.evaluate(() => ({
                connection: document.querySelector("[data-testid=connection-state]")?.textContent,
                transport: document.querySelector("[data-testid=transport]")?.dataset.transport,
                room: document.querySelector("[data-testid=current-room]")?.textContent,
                error: document.querySelector("[data-testid=error]")?.textContent,
                messages: [...document.querySelectorAll("[data-testid=messages] li")].map((li) => li.textContent),
            }));
            console.log(`# ${p.name}: ${JSON.stringify(state)}`);
        } catch (err) {
            console.log(`# ${p.name}: ${err.message}`);
        }
        for (const line of p.console) console.log(`# ${p.name} console: ${line}`);
    }
}

// Records the WebSockets a page opens, so that a test can drop them like a network would.
function recordWebSockets() {
    const Native = window.WebSocket;
    window.__sockets = [];
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            window.__sockets.push(this);
        }
    };
}

/**
 * Opens `url` in a context of its own. The page keeps its console lines, page errors, requests
 * ({url, method, type}) and the WebSockets it tried to open (their URLs).
 */
export async function openPage(name, url, timeoutMs) {
    const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const p = { name, url, context, page, console: [], errors: [], requests: [], resources: [], websockets: [] };
    page.on("console", (m) => p.console.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => p.errors.push(String(e)));
    page.on("request", (r) => {
        p.requests.push(r.url());
        p.resources.push({ url: r.url(), method: r.method(), type: r.resourceType() });
    });
    page.on("websocket", (ws) => p.websockets.push(ws.url()));
    await page.addInitScript(recordWebSockets);
    pages.push(p);
    const response = await page.goto(url);
    assert.equal(response.status(), 200, `GET ${url}`);
    return p;
}

export const state = (p) => p.page.locator("[data-testid=connection-state]");
export const texts = (p) => p.page.locator("[data-testid=messages] li").allTextContents();

export async function connectionState(p, wanted) {
    await p.page.waitForFunction((s) => document.querySelector("[data-testid=connection-state]")?.dataset.state === s, wanted);
    assert.equal(await state(p).textContent(), wanted);
}

/** The transport the page shows it uses ("WebSockets", "ServerSentEvents", "LongPolling"; "" when not connected). */
export async function shownTransport(p) {
    return p.page.evaluate(() => document.querySelector("[data-testid=transport]")?.dataset.transport);
}

// Waits until the page's message list has an item whose text is exactly `text`.
export async function shows(p, text) {
    try {
        await p.page.waitForFunction((t) => [...document.querySelectorAll("[data-testid=messages] li")].some((li) => li.textContent === t), text);
    } catch (err) {
        throw new Error(`${p.name} does not show ${JSON.stringify(text)}; it shows ${JSON.stringify(await texts(p))}`);
    }
}

export async function count(p, text) {
    return (await texts(p)).filter((t) => t === text).length;
}

export async function setUserAndJoin(p, user, room) {
    await p.page.getByLabel("Your name", { exact: true }).fill(user);
    await p.page.getByLabel("Room", { exact: true }).fill(room);
    await p.page.getByTestId("join").click();
    await p.page.waitForFunction((r) => document.querySelector("[data-testid=current-room]")?.dataset.room === r, room);
}

export async function say(p, text) {
    const input = p.page.getByTestId("message-input");
    await input.fill(text);
    await input.press("Enter");
    await p.page.waitForFunction(() => document.querySelector("[data-testid=message-input]").value === "");
}
