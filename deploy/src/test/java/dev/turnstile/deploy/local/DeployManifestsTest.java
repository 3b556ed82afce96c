package dev.turnstile.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes read into the fabric8 Kubernetes model, strictly, and its wiring checked: the completion index
 * reaches the injector's arguments and folder, both Jobs share the runs volume and the stage Secret, and the merge
 * looks for the injectors where they write, for longer than they may run.
 */
class DeployManifestsTest {

    static final Path MANIFESTS = Path.of("kubernetes");
    static final List<String> ENTRYPOINT = List.of("java", "-cp", "CP", "dev.turnstile.deploy.TurnstileJob");

    @TempDir
    Path tmp;

    KubernetesManifests manifests;
    Job injectors;
    Job merge;

    @BeforeEach
    void read() {
        manifests = KubernetesManifests.read(MANIFESTS);
        injectors = manifests.get(Job.class, "turnstile-injectors");
        merge = manifests.get(Job.class, "turnstile-merge");
    }

    @Test
    void theKustomizationListsEveryManifestOfTheFolder() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            List<String> yaml = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
            assertThat(manifests.kustomization().resources()).containsExactlyInAnyOrderElementsOf(yaml);
        }
        assertThat(manifests.kustomization().apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(manifests.resources()).extracting(r -> r.getKind() + "/" + r.getMetadata().getName())
                .containsExactly("ServiceAccount/turnstile", "ConfigMap/turnstile-run",
                        "PersistentVolumeClaim/turnstile-runs", "Job/turnstile-injectors", "Job/turnstile-merge");
    }

    @Test
    void anUnknownFieldIsAnErrorNamingIt() throws IOException {
        String job = Files.readString(MANIFESTS.resolve("injectors.yaml")).replace("subPathExpr:", "subpathExpr:");
        Files.writeString(tmp.resolve("injectors.yaml"), job);
        Files.writeString(tmp.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - injectors.yaml\n");
        assertThatThrownBy(() -> KubernetesManifests.read(tmp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unrecognized field \"subpathExpr\"").hasMessageContaining("VolumeMount");
    }

    @Test
    void anUnknownKindIsAnError() throws IOException {
        Files.writeString(tmp.resolve("x.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
        Files.writeString(tmp.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - x.yaml\n");
        assertThatThrownBy(() -> KubernetesManifests.read(tmp)).hasMessageContaining("kind apps/v1/Deployment");
    }

    @Test
    void theInjectorsAreAnIndexedJobWhoseCountIsOneNumber() {
        assertThat(injectors.getSpec().getCompletionMode()).isEqualTo("Indexed");
        int completions = injectors.getSpec().getCompletions();
        assertThat(completions).isGreaterThanOrEqualTo(2);
        assertThat(injectors.getSpec().getParallelism()).isEqualTo(completions);
        assertThat(argument(container(injectors), "--injectors")).isEqualTo(Integer.toString(completions));
        assertThat(container(injectors).getArgs().get(0)).isEqualTo("inject");
        assertThat(injectors.getSpec().getBackoffLimit()).isZero();
        assertThat(pod(injectors).getRestartPolicy()).isEqualTo("Never");
        // the index variable is the controller's: a container that defined it would hide the real index
        assertThat(container(injectors).getEnv()).extracting(EnvVar::getName).doesNotContain("JOB_COMPLETION_INDEX");
    }

    @Test
    void theCompletionIndexBecomesTheInjectorsIndexAndFolder() {
        Path stageDir = tmp.resolve("stage");
        LocalPod pod = LocalPod.of(injectors, 2, manifests, ENTRYPOINT, volumes(stageDir), tmp.resolve("pod"));
        String run = configMap().getData().get("run");
        assertThat(pod.environment()).containsEntry("JOB_COMPLETION_INDEX", "2")
                .containsEntry("TURNSTILE_RUN", run)
                .containsEntry("TURNSTILE_SIMULATION", configMap().getData().get("simulation"));
        assertThat(pod.arguments()).containsSubsequence(ENTRYPOINT).containsSubsequence("inject", "--simulation",
                configMap().getData().get("simulation"), "--injectors", "4", "--stage",
                stageDir.resolve("stage.json").toString());
        assertThat(pod.workDir()).isEqualTo(runsClaim().resolve(run).resolve("injector-2"));
    }

    @Test
    void bothJobsShareTheRunsClaimAndTheStageSecretAndOneIdentity() {
        PersistentVolumeClaim claim = manifests.get(PersistentVolumeClaim.class, "turnstile-runs");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        manifests.get(ServiceAccount.class, "turnstile");
        for (Job job : List.of(injectors, merge)) {
            assertThat(volume(job, "runs").getPersistentVolumeClaim().getClaimName()).isEqualTo("turnstile-runs");
            assertThat(volume(job, "stage").getSecret().getSecretName()).isEqualTo("turnstile-stage");
            assertThat(volume(job, "stage").getSecret().getItems()).extracting(i -> i.getKey() + "→" + i.getPath())
                    .containsExactly("stage.json→stage.json");
            assertThat(mount(job, "stage").getReadOnly()).isTrue();
            assertThat(argument(container(job), "--stage")).isEqualTo(mount(job, "stage").getMountPath()
                    + "/stage.json");
            assertThat(pod(job).getServiceAccountName()).isEqualTo("turnstile");
            assertThat(container(job).getImage()).isEqualTo("turnstile-injector");
        }
        VolumeMount work = mount(injectors, "runs");
        assertThat(container(injectors).getWorkingDir()).isEqualTo(work.getMountPath());
        assertThat(work.getSubPathExpr()).isEqualTo("$(TURNSTILE_RUN)/injector-$(JOB_COMPLETION_INDEX)");
    }

    @Test
    void theMergeLooksWhereTheInjectorsWriteAndWaitsLongerThanTheyMayRun() {
        assertThat(merge.getSpec().getCompletionMode()).isNull();
        assertThat(merge.getSpec().getCompletions()).isEqualTo(1);
        assertThat(container(merge).getArgs().get(0)).isEqualTo("merge");
        Path stageDir = tmp.resolve("stage");
        LocalPod mergePod = LocalPod.of(merge, 0, manifests, ENTRYPOINT, volumes(stageDir), tmp.resolve("merge"));
        Path runs = Path.of(mergePod.arguments().get(mergePod.arguments().indexOf("--runs") + 1));
        for (int i = 0; i < injectors.getSpec().getCompletions(); i++) {
            LocalPod injector = LocalPod.of(injectors, i, manifests, ENTRYPOINT, volumes(stageDir), tmp.resolve("i"));
            assertThat(injector.workDir()).isEqualTo(runs.resolve("injector-" + i));
        }
        Duration wait = Duration.parse(argument(container(merge), "--wait"));
        assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(injectors.getSpec().getActiveDeadlineSeconds()));
        assertThat(Duration.ofSeconds(merge.getSpec().getActiveDeadlineSeconds())).isGreaterThan(wait);
        assertThat(argument(container(merge), "--termination-log"))
                .isEqualTo(container(merge).getTerminationMessagePath());
        assertThat(mergePod.arguments()).contains(mergePod.terminationLog().toString());
    }

    @Test
    void aLocalPatchChangesTheInjectorCountInAllThreePlaces() {
        LocalJobs.patch(manifests, Map.of("simulation", "Burst"), 2);
        assertThat(injectors.getSpec().getCompletions()).isEqualTo(2);
        assertThat(injectors.getSpec().getParallelism()).isEqualTo(2);
        assertThat(argument(container(injectors), "--injectors")).isEqualTo("2");
        assertThat(configMap().getData()).containsEntry("simulation", "Burst");
        assertThatThrownBy(() -> LocalJobs.patch(manifests, Map.of("nope", "x"), null))
                .hasMessageContaining("no ConfigMap has key nope");
    }

    @Test
    void theImageJibBuildsRunsTheJobCommand() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<mainClass>" + dev.turnstile.deploy.TurnstileJob.class.getName() + "</mainClass>")
                .contains("<image>" + container(injectors).getImage() + ":${project.version}</image>");
        for (String flag : dev.turnstile.deploy.TurnstileJob.JVM_FLAGS) {
            assertThat(pom).contains("<jvmFlag>" + flag + "</jvmFlag>");
        }
    }

    private LocalVolumes volumes(Path stageDir) {
        return new LocalVolumes(tmp, Map.of("turnstile-stage", stageDir));
    }

    private Path runsClaim() {
        return tmp.resolve("claims").resolve("turnstile-runs");
    }

    private ConfigMap configMap() {
        return manifests.get(ConfigMap.class, "turnstile-run");
    }

    private static PodSpec pod(Job job) {
        return job.getSpec().getTemplate().getSpec();
    }

    private static Container container(Job job) {
        assertThat(pod(job).getContainers()).hasSize(1);
        return pod(job).getContainers().get(0);
    }

    private static String argument(Container c, String option) {
        int at = c.getArgs().indexOf(option);
        assertThat(at).as(option + " in " + c.getArgs()).isNotNegative();
        return c.getArgs().get(at + 1);
    }

    private static Volume volume(Job job, String name) {
        return pod(job).getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static VolumeMount mount(Job job, String name) {
        return container(job).getVolumeMounts().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
