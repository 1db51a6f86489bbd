// amqplib (the usual Node AMQP 0-9-1 client) against fanout's exchange `logs`, for AmqpInteropIT.
//   node amqp-interop.mjs publish <amqpUrl> <body> [messageId]
//       publishes one persistent text message with publisher confirms; prints CONFIRMED
//   node amqp-interop.mjs consume <amqpUrl> <messageId> <timeoutMs>
//       binds a server-named exclusive queue to `logs`, prints READY, then prints the message whose
//       message id is <messageId> as one JSON line and exits 0 (exit 2 on timeout)
import amqp from 'amqplib';

const [mode, url, arg1, arg2] = process.argv.slice(2);
const connection = await amqp.connect(url);

if (mode === 'publish') {
  const channel = await connection.createConfirmChannel();
  const options = { persistent: true, contentType: 'text/plain' };
  if (arg2) options.messageId = arg2;
  channel.publish('logs', '', Buffer.from(arg1, 'utf8'), options);
  await channel.waitForConfirms();
  console.log('CONFIRMED');
  await connection.close();
} else if (mode === 'consume') {
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, 'logs', '');
  const timer = setTimeout(async () => { console.log('TIMEOUT'); process.exit(2); }, Number(arg2));
  await channel.consume(queue, async (message) => {
    if (message.properties.messageId !== arg1) return;
    clearTimeout(timer);
    console.log(JSON.stringify({
      messageId: message.properties.messageId,
      deliveryMode: message.properties.deliveryMode,
      contentType: message.properties.contentType,
      timestamp: message.properties.timestamp,
      body: message.content.toString('utf8'),
    }));
    await connection.close();
    process.exit(0);
  }, { noAck: true });
  console.log('READY');
} else {
  console.error('usage: amqp-interop.mjs publish|consume ...');
  process.exit(64);
}
