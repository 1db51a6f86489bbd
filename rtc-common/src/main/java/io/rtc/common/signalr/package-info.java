/**
 * The SignalR hub protocol, JSON and MessagePack, for the server, the cli and the tests alike.
 *
 * <p>A connection starts with the {@link io.rtc.common.signalr.Handshake} (always JSON): feed what arrives to
 * {@link io.rtc.common.signalr.Handshake#reader(int)} until it hands over the request, then feed the same
 * buffer (whatever the handshake reader left in it) and all that follows to the chosen protocol's
 * {@link io.rtc.common.signalr.HubProtocol#reader(int)}, and parse each record it hands over.
 *
 * <p>Thread-safety: the protocols and the messages are immutable and may be shared across event loops
 * (mind that a message's {@code ArrayNode}/{@code JsonNode} values are Jackson's mutable trees: do not change
 * one after handing it over). A {@link io.rtc.common.signalr.RecordReader} belongs to one connection.
 *
 * <p>Buffers: readers consume what they read from a fed buffer and never retain or release it; the record
 * they hand over is valid only during the callback. {@code parse} reads a record without changing it;
 * {@code write(message, out)} only appends to {@code out}.
 *
 * <p>Errors: whatever a peer sends wrong is an {@link io.rtc.common.signalr.InvalidMessageException}, whose
 * message is fit for the client's Close; {@link io.rtc.common.signalr.MessageTooLargeException} (WebSocket
 * close 1009) and {@link io.rtc.common.signalr.UnknownMessageTypeException} (a client may ignore it) are
 * kinds of it.
 */
package io.rtc.common.signalr;
