package io.rtc.common.net;

import java.util.List;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request comes from, for per-address limits: the TCP peer, or behind trusted proxies the
 * right-most {@code X-Forwarded-For} entry that no trusted proxy added (entries left of it are the client's
 * own claims and could be forged).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request, TrustedProxies proxies) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        // repeated header lines are one list (RFC 9110 5.3): a proxy may add its own line after the client's
        List<String> forwardedFor = request.headers().getAll("X-Forwarded-For");
        return resolve(peer, forwardedFor.isEmpty() ? null : String.join(",", forwardedFor), proxies);
    }

    static String resolve(String peer, String forwardedFor, TrustedProxies proxies) {
        if (forwardedFor == null || !proxies.trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            if (!proxies.trusts(hop)) {
                return TrustedProxies.literal(hop) != null ? hop : peer;
            }
        }
        // every hop is a trusted proxy: the left-most one is as close to the client as can be told
        String first = hops[0].trim();
        return first.isEmpty() ? peer : first;
    }
}
