package dev.ttskit.replicate.internal;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 request from a socket stream for the built-in webhook receiver: the request
 * line and headers within {@link #MAX_HEAD_BYTES}, then a body of at most a given size, framed by
 * {@code Content-Length} or chunked. Anything the receiver should refuse is a {@link BadRequest}
 * carrying the status to answer; the caller bounds the time each read may take.
 */
public final class HttpRequestReader {
    /** Request line plus headers; webhook deliveries send a handful of short headers. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_HEADERS = 100;

    private HttpRequestReader() {
    }

    /** A request refused before it reached the handler, with the status to answer. */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public BadRequest(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The request line and headers; header names are kept as sent, values trimmed. */
    public static final class Head {
        private final String method;
        private final String path;
        private final Map<String, List<String>> headers;

        Head(String method, String path, Map<String, List<String>> headers) {
            this.method = method;
            this.path = path;
            this.headers = headers;
        }

        public String method() {
            return method;
        }

        /** The path of the target, without query; {@code ""} for an asterisk or unreadable target. */
        public String path() {
            return path;
        }

        public Map<String, List<String>> headers() {
            return headers;
        }

        /** The single value of a header (case-insensitive name), or null; all values when repeated, comma-joined. */
        public @Nullable String header(String name) {
            String joined = null;
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (!e.getKey().equalsIgnoreCase(name)) continue;
                for (String v : e.getValue()) joined = joined == null ? v : joined + "," + v;
            }
            return joined;
        }
    }

    /**
     * Reads the request line and the headers.
     *
     * @throws BadRequest  400 for a malformed head, 431 when it is too long, 505 for another HTTP version
     * @throws IOException when the connection fails or the caller's read deadline passes
     */
    public static Head readHead(InputStream in) throws IOException, BadRequest {
        int[] budget = {MAX_HEAD_BYTES};
        String requestLine = line(in, budget);
        // RFC 9112 section 2.2: ignore at least one empty line before the request line.
        if (requestLine != null && requestLine.isEmpty()) requestLine = line(in, budget);
        if (requestLine == null) throw new BadRequest(400, "connection closed before a request");
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) throw new BadRequest(400, "malformed request line");
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) throw new BadRequest(505, "unsupported version");
        for (int i = 0; i < parts[0].length(); i++) {
            if (!Character.isUpperCase(parts[0].charAt(i))) throw new BadRequest(400, "malformed method");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            String h = line(in, budget);
            if (h == null) throw new BadRequest(400, "connection closed inside the headers");
            if (h.isEmpty()) break;
            if (++count > MAX_HEADERS) throw new BadRequest(431, "too many headers");
            int colon = h.indexOf(':');
            // Folded lines (leading whitespace) and whitespace before the colon are refused (RFC 9112 5.1, 5.2).
            if (colon <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t' || h.charAt(colon - 1) == ' ' || h.charAt(colon - 1) == '\t') {
                throw new BadRequest(400, "malformed header line");
            }
            headers.computeIfAbsent(h.substring(0, colon), k -> new ArrayList<>(1)).add(h.substring(colon + 1).trim());
        }
        return new Head(parts[0], path(parts[1]), headers);
    }

    /**
     * Reads the body the head announces.
     *
     * @throws BadRequest  411 without framing, 413 over {@code maxBytes}, 400 for bad framing, 501 for
     *                     a transfer coding other than chunked
     * @throws IOException when the connection fails, closes early or the read deadline passes
     */
    public static byte[] readBody(InputStream in, Head head, int maxBytes) throws IOException, BadRequest {
        String te = head.header("Transfer-Encoding");
        String cl = head.header("Content-Length");
        if (te != null) {
            // A message with both is a smuggling attempt or a broken proxy (RFC 9112 6.3): refuse it.
            if (cl != null) throw new BadRequest(400, "both Transfer-Encoding and Content-Length");
            if (!te.trim().toLowerCase(Locale.ROOT).equals("chunked")) throw new BadRequest(501, "unsupported transfer coding");
            return chunked(in, maxBytes);
        }
        if (cl == null) throw new BadRequest(411, "length required");
        long length = contentLength(cl);
        if (length > maxBytes) throw new BadRequest(413, "body too large");
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) throw new IOException("connection closed inside the body");
        return body;
    }

    private static long contentLength(String value) throws BadRequest {
        long length = -1;
        // Repeated identical values are allowed (RFC 9110 8.6); anything else is refused.
        for (String v : value.split(",", -1)) {
            String s = v.trim();
            if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadRequest(400, "malformed Content-Length");
            }
            long n = Long.parseLong(s);
            if (length >= 0 && n != length) throw new BadRequest(400, "conflicting Content-Length");
            length = n;
        }
        return length;
    }

    private static byte[] chunked(InputStream in, int maxBytes) throws IOException, BadRequest {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            String sizeLine = line(in, budget);
            if (sizeLine == null) throw new IOException("connection closed inside a chunked body");
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new BadRequest(400, "malformed chunk size");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) break;
            if (out.size() + size > maxBytes) throw new BadRequest(413, "body too large");
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) throw new IOException("connection closed inside a chunk");
            out.write(chunk);
            String end = line(in, budget);
            if (end == null || !end.isEmpty()) throw new BadRequest(400, "chunk not followed by CRLF");
        }
        while (true) {   // trailer fields, ignored
            String trailer = line(in, budget);
            if (trailer == null) throw new IOException("connection closed inside the trailers");
            if (trailer.isEmpty()) return out.toByteArray();
        }
    }

    /** One line without its CRLF (a bare LF is accepted), or null at end of stream before any byte. */
    private static @Nullable String line(InputStream in, int[] budget) throws IOException, BadRequest {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) return null;
                throw new BadRequest(400, "connection closed inside a line");
            }
            if (--budget[0] < 0) throw new BadRequest(431, "request head too large");
            if (b == '\n') break;
            if (b == 0) throw new BadRequest(400, "NUL in the request head");
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static String path(String target) {
        String t = target;
        if (t.startsWith("http://") || t.startsWith("https://")) {   // absolute form (RFC 9112 3.2.2)
            int slash = t.indexOf('/', t.indexOf("//") + 2);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        if (!t.startsWith("/")) return "";
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }
}
