package io.rtc.common.signalr;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;

/**
 * JSON records with Jackson's tree and streaming APIs only (no reflection, so native-friendly):
 * strict UTF-8 in, and UTF-8 out with the record separator after each object.
 */
final class Json {

    /**
     * Surrogate pairs combined into 4-byte UTF-8 rather than escaped: the bytes a String-based writer
     * produced before, for emoji and the like.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    /** A record's JSON object, or why it is none. */
    static JsonNode object(ByteBuf record) throws InvalidMessageException {
        String text = decode(record);
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidMessageException("Message is not a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("Message is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String decode(ByteBuf record) throws InvalidMessageException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(record.nioBuffer(record.readerIndex(), record.readableBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("Message is not valid UTF-8.");
        }
    }

    /** One record: the object {@code fields} writes, then 0x1E. */
    static byte[] record(Body fields) {
        ByteArrayBuilder out = new ByteArrayBuilder(96);
        write(fields, out);
        out.write(TextRecordReader.SEPARATOR);
        return out.toByteArray();
    }

    static void record(Body fields, ByteBuf out) {
        write(fields, new ByteBufOutputStream(out));
        out.writeByte(TextRecordReader.SEPARATOR);
    }

    /** Strings, what a chat hub sends most, straight to the generator; the rest through the tree writer. */
    static void writeTree(JsonGenerator json, JsonNode node) throws IOException {
        if (node.isTextual()) {
            json.writeString(node.textValue());
        } else {
            MAPPER.writeTree(json, node);
        }
    }

    private static void write(Body fields, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
