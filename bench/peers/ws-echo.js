// The echo protocol on Node's `ws` package, one process: a reference point for echo-service.
// Same replies: text M -> "Server Response: " + M, binary -> the same bytes; messages up to 64 KiB.
//
//   node bench/peers/ws-echo.js [port]      (default 8091; listens on 127.0.0.1 only)
'use strict';

const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 8091);
const PREFIX = Buffer.from('Server Response: ');

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port,
  maxPayload: 64 * 1024,
  // echo-service and the Vert.x peer do not compress either.
  perMessageDeflate: false,
});

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.send(data, { binary: true });
    } else {
      // Bytes in, bytes out: no UTF-8 decode and re-encode of the text.
      ws.send(Buffer.concat([PREFIX, data]), { binary: false });
    }
  });
  // A peer that breaks the protocol is dropped by ws; without a listener the error would crash the process.
  ws.on('error', () => {});
});

wss.on('listening', () => console.log(`ws-echo listening on ws://127.0.0.1:${port}/`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => wss.close(() => process.exit(0)));
}
