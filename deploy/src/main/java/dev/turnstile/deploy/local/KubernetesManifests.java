package dev.turnstile.deploy.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manifests of {@code deploy/kubernetes/}, read as {@code kubectl apply -k} takes them: the files the
 * {@code kustomization.yaml} lists, each document as the fabric8 Kubernetes model's type for its kind. Reading is
 * strict: the model keeps unknown fields in an "additional properties" map, which would let a misspelt field
 * ({@code subpathExpr}, {@code completionmode}) pass silently, so that map is switched off here and an unknown field
 * fails with its place in the document.
 */
public final class KubernetesManifests {

    /** The kinds these manifests may hold, by {@code apiVersion/kind}. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "batch/v1/Job", Job.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE; // no catch-all map: an unknown field is an error
                }
            });

    /**
     * The kustomization itself: what {@code kubectl apply -k} reads first.
     *
     * @param apiVersion {@code kustomize.config.k8s.io/v1beta1}
     * @param kind       {@code Kustomization}
     * @param resources  the manifest files, in order
     * @param images     image overrides ({@code kustomize edit set image}), kept as written
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Kustomization(String apiVersion, String kind, List<String> resources, List<Map<String, String>> images) {
    }

    private final Path dir;
    private final Kustomization kustomization;
    private final List<HasMetadata> resources;

    private KubernetesManifests(Path dir, Kustomization kustomization, List<HasMetadata> resources) {
        this.dir = dir;
        this.kustomization = kustomization;
        this.resources = resources;
    }

    /** Reads {@code dir/kustomization.yaml} and every manifest it lists; any unknown kind or field is an error. */
    public static KubernetesManifests read(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        Kustomization kustomization;
        try {
            kustomization = YAML.readValue(file.toFile(), Kustomization.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (!"Kustomization".equals(kustomization.kind()) || kustomization.resources() == null) {
            throw new IllegalArgumentException(file + " is not a Kustomization listing resources");
        }
        List<HasMetadata> resources = new ArrayList<>();
        for (String name : kustomization.resources()) {
            resources.addAll(readFile(dir.resolve(name)));
        }
        return new KubernetesManifests(dir, kustomization, List.copyOf(resources));
    }

    /** Every document of one manifest file, each as its kind's model type. */
    static List<HasMetadata> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the kustomization lists " + file.getFileName() + ", which does not exist");
        }
        List<HasMetadata> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<? extends HasMetadata> kind = KINDS.get(type);
                if (kind == null) {
                    throw new IllegalArgumentException(file.getFileName() + ": kind " + type + " is not one these "
                            + "manifests use (" + KINDS.keySet() + ")");
                }
                documents.add(YAML.treeToValue(document, kind));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
        return documents;
    }

    /** The folder the manifests were read from. */
    public Path dir() {
        return dir;
    }

    public Kustomization kustomization() {
        return kustomization;
    }

    /** Every resource, in the kustomization's order. */
    public List<HasMetadata> resources() {
        return resources;
    }

    /** The resource of {@code type} named {@code name}; its absence is an error naming both. */
    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " " + name + " in "
                        + dir));
    }

    /** Every resource of {@code type}. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
