package io.rtc.common.support;

import java.lang.reflect.Proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * An {@link HttpServerRequest} that answers only what the helpers read (headers, query parameters, the
 * peer's address); anything else throws, so a helper that starts reading more shows up in its test.
 */
public final class FakeRequest {

    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private final MultiMap params = MultiMap.caseInsensitiveMultiMap();
    private SocketAddress remote = SocketAddress.inetSocketAddress(40000, "203.0.113.7");

    public FakeRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public FakeRequest param(String name, String value) {
        params.add(name, value);
        return this;
    }

    public FakeRequest peer(String ip) {
        remote = ip == null ? null : SocketAddress.inetSocketAddress(40000, ip);
        return this;
    }

    public HttpServerRequest build() {
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "headers" -> headers;
                    case "getHeader" -> headers.get(args[0].toString());
                    case "params" -> params;
                    case "getParam" -> {
                        String value = params.get((String) args[0]);
                        yield value == null && args.length > 1 ? args[1] : value;
                    }
                    case "remoteAddress" -> remote;
                    case "toString" -> "FakeRequest" + headers.entries();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("FakeRequest does not fake " + method);
                });
    }
}
