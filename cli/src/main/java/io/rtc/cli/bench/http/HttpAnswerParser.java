package io.rtc.cli.bench.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Cuts the bytes read from one HTTP/1.1 connection into answers (RFC 9112): bodies framed by
 * Content-Length, by chunks or by the end of the connection; interim 1xx answers skipped. An answer
 * is handed out once it is complete, so it is buffered whole: a generator's answers are small.
 * One connection's thread only.
 */
final class HttpAnswerParser {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final Buffer EMPTY = Buffer.buffer(0);

    /** Bytes read and not handed out yet, from {@code start} on. */
    private Buffer in = EMPTY;
    private int start;
    private boolean keepAlive = true;

    // The head being read, set by readHead.
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean untilClose;
    private boolean close;

    void feed(Buffer data) {
        if (start == in.length()) {
            // The usual case: the answer comes in one read, so it is parsed where it landed.
            in = data;
            start = 0;
        } else {
            in = in.getBuffer(start, in.length()).appendBuffer(data);
            start = 0;
        }
    }

    /** The next complete answer, or null until more bytes come. */
    HttpAnswer next() throws HttpProtocolException {
        return parse(false);
    }

    /** The connection ended: the answer whose body ran until the end, or null. */
    HttpAnswer atEnd() throws HttpProtocolException {
        return parse(true);
    }

    /** Whether the connection may carry another request after the last answer. */
    boolean keepAlive() {
        return keepAlive;
    }

    private HttpAnswer parse(boolean ended) throws HttpProtocolException {
        while (true) {
            int headEnd = indexOfBlankLine(start);
            if (headEnd < 0) {
                if (in.length() - start > MAX_HEAD_BYTES) {
                    throw new HttpProtocolException("an answer head of more than " + MAX_HEAD_BYTES + " bytes");
                }
                return null;
            }
            readHead(start, headEnd);
            int bodyStart = headEnd + 4;
            if (status < 200) {
                start = bodyStart; // 100 Continue, 103 Early Hints: the real answer follows
                continue;
            }
            int end;
            Buffer body;
            boolean endsConnection = close;
            if (status == 204 || status == 304) {
                end = bodyStart;
                body = EMPTY;
            } else if (chunked) {
                Dechunked dechunked = dechunk(bodyStart);
                if (dechunked == null) {
                    return null;
                }
                end = dechunked.end();
                body = dechunked.body();
            } else if (!untilClose) {
                if (contentLength > MAX_BODY_BYTES) {
                    throw new HttpProtocolException("an answer body of " + contentLength + " bytes");
                }
                if (in.length() - bodyStart < contentLength) {
                    return null;
                }
                end = bodyStart + (int) contentLength;
                body = in.getBuffer(bodyStart, end);
            } else if (ended) {
                end = in.length();
                body = in.getBuffer(bodyStart, end);
                endsConnection = true;
            } else {
                if (in.length() - bodyStart > MAX_BODY_BYTES) {
                    throw new HttpProtocolException("an answer body of more than " + MAX_BODY_BYTES + " bytes");
                }
                return null;
            }
            HttpAnswer answer = new HttpAnswer(status, in.getBuffer(start, headEnd), body);
            keepAlive = !endsConnection;
            start = end;
            if (start == in.length()) {
                in = EMPTY;
                start = 0;
            }
            return answer;
        }
    }

    /** Reads the status line and the headers that frame the body, in {@code in[from, to)}. */
    private void readHead(int from, int to) throws HttpProtocolException {
        int lineEnd = indexOfLineEnd(from, to);
        // "HTTP/1.1 202 Accepted": the reason phrase may be empty, even without its space.
        if (lineEnd - from < 12 || !startsWith(from, "HTTP/1.") || in.getByte(from + 8) != ' '
                || (lineEnd > from + 12 && in.getByte(from + 12) != ' ')) {
            throw new HttpProtocolException("not an HTTP/1.x status line: " + text(from, Math.min(lineEnd, from + 80)));
        }
        boolean http10 = in.getByte(from + 7) == '0';
        status = statusCode(from + 9, from + 12);
        contentLength = -1;
        chunked = false;
        untilClose = false;
        close = http10;
        for (int line = lineEnd + 2; line < to; line = lineEnd + 2) {
            lineEnd = indexOfLineEnd(line, to);
            int colon = indexOf((byte) ':', line, lineEnd);
            if (colon < 0) {
                throw new HttpProtocolException("a header line without a colon: " + text(line, Math.min(lineEnd, line + 80)));
            }
            if (nameIs(line, colon, "content-length")) {
                contentLength = contentLength(colon + 1, lineEnd);
            } else if (nameIs(line, colon, "transfer-encoding")) {
                // Only a final chunked coding frames the body; any other coding runs until the close.
                String codings = text(colon + 1, lineEnd).strip().toLowerCase(Locale.ROOT);
                chunked = codings.endsWith("chunked");
                untilClose = !chunked;
            } else if (nameIs(line, colon, "connection")) {
                for (String option : text(colon + 1, lineEnd).toLowerCase(Locale.ROOT).split(",")) {
                    if (option.strip().equals("close")) {
                        close = true;
                    } else if (option.strip().equals("keep-alive") && http10) {
                        close = false;
                    }
                }
            }
        }
        if (!chunked && contentLength < 0) {
            untilClose = true;
        }
    }

    private record Dechunked(Buffer body, int end) {
    }

    /** The chunks from {@code from} on put together, or null while the last chunk has not come. */
    private Dechunked dechunk(int from) throws HttpProtocolException {
        Buffer body = Buffer.buffer();
        int pos = from;
        while (true) {
            int lineEnd = indexOfLineEnd(pos, in.length());
            if (lineEnd == in.length()) {
                return null;
            }
            long size = chunkSize(pos, lineEnd);
            pos = lineEnd + 2;
            if (size == 0) {
                // Trailer lines, then a blank line.
                while (true) {
                    lineEnd = indexOfLineEnd(pos, in.length());
                    if (lineEnd == in.length()) {
                        return null;
                    }
                    boolean blank = lineEnd == pos;
                    pos = lineEnd + 2;
                    if (blank) {
                        return new Dechunked(body, pos);
                    }
                }
            }
            if (body.length() + size > MAX_BODY_BYTES) {
                throw new HttpProtocolException("an answer body of more than " + MAX_BODY_BYTES + " bytes");
            }
            if (in.length() - pos < size + 2) {
                return null;
            }
            body.appendBuffer(in, pos, (int) size);
            pos += (int) size;
            if (in.getByte(pos) != '\r' || in.getByte(pos + 1) != '\n') {
                throw new HttpProtocolException("a chunk longer than its size");
            }
            pos += 2;
        }
    }

    /** The hexadecimal size at the start of a chunk line (extensions after ';' ignored). */
    private long chunkSize(int from, int to) throws HttpProtocolException {
        long size = 0;
        int digits = 0;
        for (int i = from; i < to && in.getByte(i) != ';' && in.getByte(i) != ' ' && in.getByte(i) != '\t'; i++) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0 || ++digits > 8) {
                throw new HttpProtocolException("not a chunk size: " + text(from, Math.min(to, from + 80)));
            }
            size = size * 16 + digit;
        }
        if (digits == 0) {
            throw new HttpProtocolException("a chunk without a size");
        }
        return size;
    }

    /** The index of the CRLF CRLF that ends a head begun at {@code from}, or -1. */
    private int indexOfBlankLine(int from) {
        for (int i = from; i + 3 < in.length(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the next CRLF in {@code [from, to)}, or {@code to}. */
    private int indexOfLineEnd(int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return to;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.getByte(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(int from, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (in.getByte(from + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the header name in {@code [from, colon)} is {@code lowerName}, ignoring case. */
    private boolean nameIs(int from, int colon, String lowerName) {
        if (colon - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int c = in.getByte(from + i);
            if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number in {@code [from, to)} between optional blanks. */
    private long contentLength(int from, int to) throws HttpProtocolException {
        int first = from;
        int last = to;
        while (first < last && isBlank(in.getByte(first))) {
            first++;
        }
        while (last > first && isBlank(in.getByte(last - 1))) {
            last--;
        }
        long value = 0;
        for (int i = first; i < last; i++) {
            byte c = in.getByte(i);
            if (c < '0' || c > '9' || last - first > 18) {
                throw new HttpProtocolException("Content-Length: " + text(from, to).strip());
            }
            value = value * 10 + (c - '0');
        }
        if (first == last) {
            throw new HttpProtocolException("an empty Content-Length");
        }
        return value;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private int statusCode(int from, int to) throws HttpProtocolException {
        int value = 0;
        for (int i = from; i < to; i++) {
            byte c = in.getByte(i);
            if (c < '0' || c > '9') {
                throw new HttpProtocolException("not a status code: " + text(from, to));
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private String text(int from, int to) {
        return new String(in.getBytes(from, to), StandardCharsets.ISO_8859_1);
    }
}
