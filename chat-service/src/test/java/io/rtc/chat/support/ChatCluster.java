package io.rtc.chat.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Packaged instances that share the (shared) Redis and one token secret, named {@code it-one}, {@code it-two}, ...
 * ({@code CHAT_INSTANCE_ID}, as the admin API's members list them), started side by side; optionally behind a
 * private {@link Nginx} that balances over them without stickiness. Closing stops nginx and every instance.
 */
public final class ChatCluster implements AutoCloseable {

    private static final String[] NAMES = { "it-one", "it-two", "it-three" };

    private final List<ChatInstance> instances;
    private final List<String> ids;
    private final Nginx nginx;

    private ChatCluster(List<ChatInstance> instances, List<String> ids, Nginx nginx) {
        this.instances = instances;
        this.ids = ids;
        this.nginx = nginx;
    }

    /** {@code count} instances with the extra environment {@code env}, each ready when this returns. */
    public static ChatCluster start(int count, Map<String, String> env) throws Exception {
        return start(count, env, false);
    }

    /** The same behind nginx ({@link #nginx()}). */
    public static ChatCluster behindNginx(int count, Map<String, String> env) throws Exception {
        return start(count, env, true);
    }

    private static ChatCluster start(int count, Map<String, String> env, boolean withNginx) throws Exception {
        Map<String, String> shared = new HashMap<>(env);
        shared.putIfAbsent("CHAT_TOKEN_SECRET", "it-secret-" + UUID.randomUUID());
        List<ChatInstance> instances = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Map<String, String> own = new HashMap<>(shared);
                own.put("CHAT_INSTANCE_ID", NAMES[i]);
                instances.add(ChatInstance.launch(own));
                ids.add(NAMES[i]);
            }
            for (ChatInstance instance : instances) {
                instance.awaitReady();
            }
            Nginx nginx = withNginx ? Nginx.start(instances.stream().map(ChatInstance::baseUrl).toList()) : null;
            return new ChatCluster(instances, ids, nginx);
        } catch (Exception | AssertionError e) {
            for (ChatInstance instance : instances) {
                instance.close();
            }
            throw e;
        }
    }

    public ChatInstance instance(int index) {
        return instances.get(index);
    }

    /** The instance named {@code id} ({@code it-one}, ...). */
    public ChatInstance byId(String id) {
        int index = ids.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("no instance " + id + " in " + ids);
        }
        return instances.get(index);
    }

    /** The instance's {@code host:port}, as nginx's X-Upstream and access log name it. */
    public static String address(ChatInstance instance) {
        return "127.0.0.1:" + instance.port();
    }

    public List<ChatInstance> instances() {
        return List.copyOf(instances);
    }

    public Nginx nginx() {
        if (nginx == null) {
            throw new IllegalStateException("started without nginx");
        }
        return nginx;
    }

    @Override
    public void close() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        for (ChatInstance instance : instances) {
            instance.close();
        }
    }

    /** For failure messages: where the logs are. */
    public String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < instances.size(); i++) {
            out.append(ids.get(i)).append(": target/chat-").append(instances.get(i).port()).append(".log\n");
        }
        if (nginx != null) {
            out.append("nginx: ").append(nginx.prefix()).append("/logs\n");
        }
        return out.toString();
    }
}
