package io.rtc.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rendered manifests strictly into the fabric8 Kubernetes model, by apiVersion and kind.
 *
 * <p>fabric8's model classes catch every field they do not know in {@code additionalProperties}
 * (a Jackson any-setter), so Jackson's FAIL_ON_UNKNOWN_PROPERTIES alone would reject nothing. Here the
 * any-setters are switched off, unknown fields fail the read, a string is never taken for a number
 * or a boolean (the API server would refuse it too), a key twice in one map fails, and what was read
 * is walked once more for anything that still landed in {@code additionalProperties}.
 */
final class StrictKubernetes {

    private StrictKubernetes() {
    }

    /** The kinds the manifests may use: anything else is a mistake (or needs a line here). */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class));

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** The YAML documents of a stream ({@code ---} separated), empty ones left out. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** Every document of a stream, each into its model class. */
    static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<JsonNode> docs = documents(yaml);
        for (int i = 0; i < docs.size(); i++) {
            try {
                objects.add(parse(docs.get(i)));
            } catch (RuntimeException e) {
                throw new AssertionError("document " + (i + 1) + " (" + describe(docs.get(i)) + "): " + e.getMessage(), e);
            }
        }
        return objects;
    }

    /** One document into the class of its apiVersion and kind; fails on anything the model does not know. */
    static HasMetadata parse(JsonNode doc) {
        if (!doc.isObject()) {
            throw new IllegalArgumentException("not an object: " + doc);
        }
        String key = doc.path("apiVersion").asString("") + "/" + doc.path("kind").asString("");
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("unexpected apiVersion/kind " + key);
        }
        HasMetadata object = STRICT.treeToValue(doc, type);
        List<String> leftovers = new ArrayList<>();
        walk(object, type.getSimpleName(), leftovers);
        if (!leftovers.isEmpty()) {
            throw new IllegalArgumentException("unknown fields: " + leftovers);
        }
        return object;
    }

    static String describe(JsonNode doc) {
        return doc.path("kind").asString("?") + " " + doc.path("metadata").path("name").asString("?");
    }

    /** Collects every non-empty additionalProperties under {@code o} (none is expected). */
    private static void walk(Object o, String path, List<String> leftovers) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, leftovers));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", leftovers);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                if (m.getName().equals("getAdditionalProperties")) {
                    Object extra = m.invoke(o);
                    if (extra instanceof Map<?, ?> map && !map.isEmpty()) {
                        leftovers.add(path + " " + map.keySet());
                    }
                } else if (m.isAnnotationPresent(JsonProperty.class)) {
                    JsonProperty p = m.getAnnotation(JsonProperty.class);
                    walk(m.invoke(o), path + "." + p.value(), leftovers);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(path + "." + m.getName(), e);
            }
        }
    }
}
