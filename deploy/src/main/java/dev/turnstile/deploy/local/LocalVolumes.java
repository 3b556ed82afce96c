package dev.turnstile.deploy.local;

import io.fabric8.kubernetes.api.model.Volume;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local folders that stand for a cluster's volumes: a PersistentVolumeClaim is {@code <root>/claims/<claim>}
 * (shared by every pod that mounts it, as a ReadWriteMany volume is), a Secret is a folder given by the user whose
 * files are the Secret's keys (e.g. the local stage's data folder, which holds {@code stage.json}).
 *
 * @param root    where claims live
 * @param secrets Secret name → the folder holding its keys
 */
record LocalVolumes(Path root, Map<String, Path> secrets) {

    /** The folder behind {@code volume}; a kind of volume a local run has no folder for is refused. */
    Path folder(Volume volume) {
        if (volume.getPersistentVolumeClaim() != null) {
            return root.resolve("claims").resolve(volume.getPersistentVolumeClaim().getClaimName());
        }
        if (volume.getSecret() != null) {
            Path folder = secrets.get(volume.getSecret().getSecretName());
            if (folder == null) {
                throw new IllegalArgumentException("volume " + volume.getName() + " is Secret "
                        + volume.getSecret().getSecretName() + ": give its folder with --secret "
                        + volume.getSecret().getSecretName() + "=DIR");
            }
            return folder;
        }
        throw new IllegalArgumentException("volume " + volume.getName()
                + ": a local run has folders for persistentVolumeClaim and secret volumes only");
    }
}
