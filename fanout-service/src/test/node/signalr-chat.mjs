// One chat message through chat-service with the official @microsoft/signalr client (installed in
// chat-service/src/test/node), for FullStackIT.
//   node signalr-chat.mjs <hubUrl> <room> <user> <message>
// Joins the room, sends the message, waits until the hub delivers it back, prints DELIVERED.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', '..', '..', 'chat-service', 'src', 'test', 'node', 'package.json'));
const signalR = require('@microsoft/signalr');

const [hubUrl, room, user, message] = process.argv.slice(2);
const connection = new signalR.HubConnectionBuilder().withUrl(hubUrl).configureLogging(signalR.LogLevel.Warning).build();
const delivered = new Promise((resolve) => connection.on('ReceiveMessage', (from, text) => {
  if (from === user && text === message) resolve();
}));
const timer = setTimeout(() => { console.log('TIMEOUT'); process.exit(2); }, 20000);
await connection.start();
await connection.invoke('JoinRoom', room);
await connection.invoke('SendMessage', room, user, message);
await delivered;
clearTimeout(timer);
console.log('DELIVERED');
await connection.stop();
