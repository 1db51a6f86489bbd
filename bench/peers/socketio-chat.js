// The chat scenario on Socket.IO 4 with the Redis adapter: the reference point for chat-service.
// Same events as the SignalR hub: JoinRoom(room), LeaveRoom(room), SendMessage(room, user, message)
// from the client (each acknowledged when the client asks for an ack); ReceiveMessage(user, message)
// to the room, including the hub's "System" join and leave notices so both do the same work.
// Instances that share one Redis behave as one server, like chat-service instances do.
//
//   PORT=8093 REDIS_URL=redis://127.0.0.1:6379 node bench/peers/socketio-chat.js [port]
// Defaults: port 8093, Redis redis://127.0.0.1:6379. WebSocket transport only; listens on
// 127.0.0.1 unless HOST says otherwise.
'use strict';

const http = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

const port = Number(process.argv[2] || process.env.PORT || 8093);
const host = process.env.HOST || '127.0.0.1';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function main() {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  // A Redis error must not crash the process: node-redis reconnects by itself.
  for (const client of [pub, sub]) client.on('error', (e) => console.error('redis:', e.message));
  await Promise.all([pub.connect(), sub.connect()]);

  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    transports: ['websocket'],
    serveClient: false,
    adapter: createAdapter(pub, sub),
  });

  io.on('connection', (socket) => {
    const ack = (fn) => { if (typeof fn === 'function') fn(); };
    socket.on('JoinRoom', (room, fn) => {
      socket.join(room);
      io.to(room).emit('ReceiveMessage', 'System', `${socket.id} has joined the room ${room}`);
      ack(fn);
    });
    socket.on('LeaveRoom', (room, fn) => {
      socket.leave(room);
      io.to(room).emit('ReceiveMessage', 'System', `${socket.id} has left the room ${room}`);
      ack(fn);
    });
    socket.on('SendMessage', (room, user, message, fn) => {
      io.to(room).emit('ReceiveMessage', user, message);
      ack(fn);
    });
  });

  httpServer.listen(port, host, () =>
    console.log(`socketio-chat listening on http://${host}:${port}/socket.io/ (Redis ${redisUrl})`));

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => io.close(() => Promise.allSettled([pub.quit(), sub.quit()]).then(() => process.exit(0))));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
