package io.rtc.cli.ws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The parts of a server URL every client here needs, checked once up front so that a typo is a
 * usage error rather than a failure in the middle of opening thousands of connections.
 */
public record ServerAddress(URI uri, String host, int port, boolean ssl) {

    /** Parses {@code url}, whose scheme must be one of {@code schemes} (https and wss mean TLS). */
    public static ServerAddress parse(String url, List<String> schemes) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!schemes.contains(scheme)) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': the scheme must be "
                    + String.join("://, ", schemes) + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': no host");
        }
        boolean ssl = scheme.equals("https") || scheme.equals("wss");
        return new ServerAddress(uri, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80), ssl);
    }

    /** The raw path, or {@code fallback} when there is none. */
    public String pathOr(String fallback) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? fallback : uri.getRawPath();
    }
}
