package io.rtc.common.signalr;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads the elements of one MessagePack record, the record's bounds in mind: a length or count a
 * value declares is checked against the bytes left before anything is read or allocated for it,
 * so a small record cannot make the reader allocate much. Strings are strict UTF-8.
 */
final class PackReader {

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final MessageUnpacker in;

    PackReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.in = MessagePack.newDefaultUnpacker(bytes, offset, length);
    }

    /** For reading a value whose format {@link #next()} told, within what {@link #fits} allows. */
    MessageUnpacker unpacker() {
        return in;
    }

    int remaining() {
        return length - (int) in.getTotalReadBytes();
    }

    /** Fails with {@code error} unless the next value is of the {@code expected} type. */
    void expect(ValueType expected, String error) throws IOException, InvalidMessageException {
        if (next().getValueType() != expected) {
            throw new InvalidMessageException(error);
        }
    }

    boolean nextIsNil() throws IOException, InvalidMessageException {
        if (next() == MessageFormat.NIL) {
            in.unpackNil();
            return true;
        }
        return false;
    }

    int arrayHeader(String error) throws IOException, InvalidMessageException {
        expect(ValueType.ARRAY, error);
        return fits(in.unpackArrayHeader(), 1);
    }

    int mapHeader(String error) throws IOException, InvalidMessageException {
        expect(ValueType.MAP, error);
        return fits(in.unpackMapHeader(), 2);
    }

    String string(String error) throws IOException, InvalidMessageException {
        expect(ValueType.STRING, error);
        int size = fits(in.unpackRawStringHeader(), 1);
        int start = offset + (int) in.getTotalReadBytes();
        in.readPayloadAsReference(size);
        return utf8(start, size);
    }

    boolean bool(String error) throws IOException, InvalidMessageException {
        expect(ValueType.BOOLEAN, error);
        return in.unpackBoolean();
    }

    long integer(String error) throws IOException, InvalidMessageException {
        MessageFormat format = next();
        if (format.getValueType() != ValueType.INTEGER) {
            throw new InvalidMessageException(error);
        }
        if (format == MessageFormat.UINT64) {
            BigInteger value = in.unpackBigInteger();
            if (value.bitLength() > 63) {
                throw new InvalidMessageException(error);
            }
            return value.longValue();
        }
        return in.unpackLong();
    }

    /** Fails unless the record ended with its value. */
    void end() throws InvalidMessageException {
        if (remaining() > 0) {
            throw new InvalidMessageException("Message has " + remaining() + " bytes after its MessagePack array.");
        }
    }

    /** The format of the next value, which must lie within the record. */
    MessageFormat next() throws IOException, InvalidMessageException {
        if (remaining() <= 0) {
            throw new InvalidMessageException("Message is truncated: it ends inside a MessagePack value.");
        }
        return in.getNextFormat();
    }

    /** {@code count} items of at least {@code bytesEach} bytes must fit in what is left of the record. */
    int fits(int count, int bytesEach) throws InvalidMessageException {
        if ((long) count * bytesEach > remaining()) {
            throw new InvalidMessageException("Message is truncated: a MessagePack value declares " + count
                    + (bytesEach == 1 ? " bytes or elements" : " entries") + ", more than the " + remaining() + " bytes left.");
        }
        return count;
    }

    private String utf8(int start, int size) throws InvalidMessageException {
        for (int i = start; i < start + size; i++) {
            if (bytes[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, size)).toString();
                } catch (CharacterCodingException e) {
                    throw new InvalidMessageException("Message contains a string that is not valid UTF-8.");
                }
            }
        }
        // ASCII: the fastest decoding there is
        return new String(bytes, start, size, StandardCharsets.ISO_8859_1);
    }
}
