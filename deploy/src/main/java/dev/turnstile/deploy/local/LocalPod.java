package dev.turnstile.deploy.local;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pod of a Job as this machine runs it: the container's arguments after the image's entrypoint, its
 * environment, its working directory and its termination-message file, with every path inside a volume mount
 * mapped to the local folder standing for that volume — what the kubelet and the container runtime do on a node.
 *
 * <p>What the manifests may use is what a local run can honour: one container, the image's own entrypoint (no
 * {@code command}), {@code env} values, ConfigMap keys and the completion-index annotation, {@code envFrom}
 * ConfigMaps, and PersistentVolumeClaim and Secret volumes; anything else is refused with its name.
 *
 * @param name        the pod's name ({@code <job>-<index>})
 * @param arguments   the command line: entrypoint then the container's expanded, mapped arguments
 * @param environment the container's environment, as Kubernetes builds it
 * @param workDir     the working directory
 * @param terminationLog the local file behind the container's {@code terminationMessagePath}
 */
record LocalPod(String name, List<String> arguments, Map<String, String> environment, Path workDir,
                Path terminationLog) {

    /** The variable the Job controller adds to every container of an Indexed Job's pods. */
    static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

    /** The annotation that variable reads (fieldRef). */
    static final String INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']";

    /** Kubernetes' default {@code terminationMessagePath}. */
    static final String DEFAULT_TERMINATION_PATH = "/dev/termination-log";

    /**
     * The pod of {@code job} for completion {@code index} (0 for a Job that is not Indexed).
     *
     * @param entrypoint the image's entrypoint on this machine ({@code java -cp … TurnstileJob})
     * @param volumes    the local folders standing for the cluster's volumes
     * @param podDir     a folder of this pod's own (its termination log; its working directory when none is set)
     */
    static LocalPod of(Job job, int index, KubernetesManifests manifests, List<String> entrypoint,
                       LocalVolumes volumes, Path podDir) {
        boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
        String name = job.getMetadata().getName() + "-" + index;
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        if (pod.getContainers().size() != 1 || !pod.getInitContainers().isEmpty()) {
            throw new IllegalArgumentException("Job " + job.getMetadata().getName()
                    + ": a local run starts one container per pod, found " + pod.getContainers().size()
                    + " and " + pod.getInitContainers().size() + " init containers");
        }
        Container container = pod.getContainers().get(0);
        if (!container.getCommand().isEmpty()) {
            throw new IllegalArgumentException("Job " + job.getMetadata().getName() + " sets command "
                    + container.getCommand() + ": a local run starts the image's entrypoint, give args only");
        }
        Map<String, String> env = environment(job, container, indexed, index, manifests);

        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Job " + job.getMetadata().getName()
                            + " mounts volume " + mount.getName() + ", which the pod does not define"));
            Path root = volumes.folder(volume);
            String sub = mount.getSubPathExpr() != null ? KubernetesExpansion.expand(mount.getSubPathExpr(), env)
                    : mount.getSubPath();
            Path local = sub == null || sub.isEmpty() ? root : root.resolve(sub);
            if (volume.getSecret() != null && volume.getSecret().getItems() != null) {
                for (KeyToPath item : volume.getSecret().getItems()) {
                    mounts.put(mount.getMountPath() + "/" + item.getPath(), local.resolve(item.getKey()));
                }
            }
            mounts.put(mount.getMountPath(), local);
        }
        String terminationPath = container.getTerminationMessagePath() == null ? DEFAULT_TERMINATION_PATH
                : container.getTerminationMessagePath();
        Path terminationLog = podDir.resolve("termination-log");
        mounts.put(terminationPath, terminationLog);

        List<String> arguments = new ArrayList<>(entrypoint);
        for (String arg : container.getArgs()) {
            arguments.add(local(KubernetesExpansion.expand(arg, env), mounts));
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        env.forEach((k, v) -> mapped.put(k, local(v, mounts)));
        Path workDir = container.getWorkingDir() == null ? podDir : Path.of(local(container.getWorkingDir(), mounts));
        return new LocalPod(name, List.copyOf(arguments), mapped, workDir, terminationLog);
    }

    /** The container's environment in Kubernetes' order: its own entries, then the controller's index variable. */
    private static Map<String, String> environment(Job job, Container container, boolean indexed, int index,
                                                   KubernetesManifests manifests) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() == null) {
                throw unsupported(job, "envFrom other than configMapRef");
            }
            ConfigMap map = manifests.get(ConfigMap.class, from.getConfigMapRef().getName());
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            map.getData().forEach((k, v) -> env.put(prefix + k, v));
        }
        for (EnvVar variable : container.getEnv()) {
            String value;
            if (variable.getValueFrom() == null) {
                // an env value may refer to the variables defined before it
                value = KubernetesExpansion.expand(variable.getValue() == null ? "" : variable.getValue(), env);
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                value = configMapKey(job, variable.getValueFrom().getConfigMapKeyRef(), manifests);
            } else if (variable.getValueFrom().getFieldRef() != null
                    && INDEX_ANNOTATION.equals(variable.getValueFrom().getFieldRef().getFieldPath()) && indexed) {
                value = Integer.toString(index);
            } else {
                throw unsupported(job, "the source of variable " + variable.getName());
            }
            env.put(variable.getName(), value);
        }
        if (indexed) {
            env.putIfAbsent(INDEX_VARIABLE, Integer.toString(index));
        }
        return env;
    }

    private static String configMapKey(Job job, ConfigMapKeySelector ref, KubernetesManifests manifests) {
        String value = manifests.get(ConfigMap.class, ref.getName()).getData().get(ref.getKey());
        if (value == null) {
            throw new IllegalArgumentException("Job " + job.getMetadata().getName() + " reads key " + ref.getKey()
                    + " of ConfigMap " + ref.getName() + ", which it does not have");
        }
        return value;
    }

    /** {@code value} with a path inside a mount mapped to the local folder (the longest mount path wins). */
    static String local(String value, Map<String, Path> mounts) {
        return mounts.entrySet().stream()
                .filter(m -> value.equals(m.getKey()) || value.startsWith(m.getKey() + "/"))
                .max(Comparator.comparingInt(m -> m.getKey().length()))
                .map(m -> value.equals(m.getKey()) ? m.getValue().toString()
                        : m.getValue().resolve(value.substring(m.getKey().length() + 1)).toString())
                .orElse(value);
    }

    private static IllegalArgumentException unsupported(Job job, String what) {
        return new IllegalArgumentException("Job " + job.getMetadata().getName() + ": a local run cannot honour "
                + what);
    }
}
