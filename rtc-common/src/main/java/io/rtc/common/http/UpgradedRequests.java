package io.rtc.common.http;

import io.rtc.common.http.UpgradedRequests;
import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;

/**
 * Takes an upgraded WebSocket request out of Quarkus' count of HTTP requests in flight.
 * <p>
 * With {@code quarkus.shutdown.timeout} set, Quarkus' {@code GracefulShutdownFilter} counts every request
 * until its response ends, and on shutdown waits for the count to reach zero. An upgraded request never ends
 * that way (Vert.x 4.5 writes the 101 itself and fires none of the response's end or close handlers, not even
 * when the socket closes; Quarkus 3.33), so every WebSocket ever opened kept the count above zero and each
 * shutdown waited the whole timeout ("Waiting for HTTP requests to complete", then "Timed out waiting for
 * graceful shutdown"). Once the 101 is out the HTTP exchange is over: the socket is the service's to close
 * (each service closes its own sockets at shutdown), so the request is marked done here.
 * <p>
 * Quarkus has no public call for this: {@code QuarkusRequestWrapper.done()} is package-private and is called
 * by reflection. Should a later Quarkus rename it, a warning says so once and shutdowns are slow again, which
 * {@code ShutdownIT} would notice.
 */
public final class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);
    private static final Method DONE = find();
    private static volatile boolean warned;

    private UpgradedRequests() {
    }

    /** Marks the (upgraded) request as ended for Quarkus' graceful shutdown; safe to call more than once. */
    public static void settle(HttpServerRequest request) {
        if (DONE == null) {
            return;
        }
        try {
            QuarkusRequestWrapper wrapper = QuarkusRequestWrapper.get(request);
            if (wrapper != null) {
                DONE.invoke(wrapper);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e.toString());
        }
    }

    private static Method find() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e.toString());
            return null;
        }
    }

    private static void warnOnce(String problem) {
        if (!warned) {
            warned = true;
            LOG.warnf("Cannot take WebSocket upgrades out of Quarkus' in-flight request count (%s):"
                    + " shutdowns will wait for quarkus.shutdown.timeout", problem);
        }
    }
}
