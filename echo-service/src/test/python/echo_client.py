"""Drives echo-service with the Python `websockets` library (Debian's python3-websockets).

Usage: /usr/bin/python3 echo_client.py ws://127.0.0.1:PORT
Prints one line per check and exits non-zero on the first failure.
"""
import asyncio
import sys

import websockets

PREFIX = "Server Response: "
LIMIT = 64 * 1024


async def expect_close(uri, send, code):
    async with websockets.connect(uri, max_size=None) as ws:
        await send(ws)
        try:
            await asyncio.wait_for(ws.recv(), 10)
            raise AssertionError("expected the server to close with %d" % code)
        except websockets.exceptions.ConnectionClosed as closed:
            assert closed.code == code, "close code %s, expected %d" % (closed.code, code)


async def main(base):
    for path in ("/", "/echo"):
        async with websockets.connect(base + path, max_size=None) as ws:
            await ws.send("hello from python")
            assert await ws.recv() == PREFIX + "hello from python"
            await ws.send("ünïcödé ✓ 🐍")
            assert await ws.recv() == PREFIX + "ünïcödé ✓ 🐍"
            await ws.send(bytes(range(256)))
            assert await ws.recv() == bytes(range(256))
            pong = await ws.ping(b"are you there")
            await asyncio.wait_for(pong, 10)
        assert ws.close_code == 1000, ws.close_code
        print("ok echo", path)

    async with websockets.connect(base + "/echo", max_size=None, compression="deflate") as ws:
        big = "x" * LIMIT
        await ws.send(big)
        assert await ws.recv() == PREFIX + big
        print("ok 64 KiB whole, compression", ws.extensions and ws.extensions[0].name)

    async def too_big(ws):
        await ws.send("y" * (LIMIT + 1))

    await expect_close(base + "/echo", too_big, 1009)
    print("ok oversized closed 1009")

    async def fragmented_too_big(ws):
        await ws.send(("z" * 30000 for _ in range(3)))

    await expect_close(base + "/echo", fragmented_too_big, 1009)
    print("ok fragmented oversized closed 1009")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1].rstrip("/")))
    print("all checks passed")
