package dev.turnstile.localstage.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Lambda Java runtime interface client (and its dependencies) unpacked from the local stage's own
 * resources ({@code lambda-runtime/*.jar}) into {@code <dataDir>/lambda/runtime/}, ready to be put on an
 * execution environment's class path.
 *
 * <p>The RIC's native client library is unpacked here too: left to itself, every RIC process copies it to the
 * same {@code /tmp/.libaws-lambda-jni.so} while others may be loading it, which races when environments start
 * in parallel. The RIC's {@code NativeClient.JNI} system property points each process at this private copy.
 */
public final class RuntimeDistribution {

    /** The system property the RIC reads for a pre-extracted native library. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String RESOURCE_FOLDER = "lambda-runtime";

    private final List<Path> jars;
    private final Path nativeLibrary;

    private RuntimeDistribution(List<Path> jars, Path nativeLibrary) {
        this.jars = List.copyOf(jars);
        this.nativeLibrary = nativeLibrary;
    }

    /** Unpacks the runtime into {@code targetDir} (replacing an older copy) and returns it. */
    public static RuntimeDistribution extract(Path targetDir) {
        URL folder = RuntimeDistribution.class.getClassLoader().getResource(RESOURCE_FOLDER);
        if (folder == null) {
            throw new IllegalStateException("the Lambda runtime (resource folder '" + RESOURCE_FOLDER
                    + "/') is missing from the local stage's class path; build the localstage module with Maven");
        }
        try {
            Files.createDirectories(targetDir);
            List<Path> jars = new ArrayList<>();
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                copyFromJar(uri, targetDir, jars);
            } else {
                copyFrom(Path.of(uri), targetDir, jars);
            }
            if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException("no runtime interface client jar in resource folder " + folder);
            }
            return new RuntimeDistribution(jars, extractNativeLibrary(jars, targetDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the Lambda runtime into " + targetDir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + folder, e);
        }
    }

    private static void copyFromJar(URI uri, Path targetDir, List<Path> jars) throws IOException {
        FileSystem fs;
        boolean opened = false;
        try {
            fs = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
        }
        try {
            copyFrom(fs.provider().getPath(uri), targetDir, jars);
        } finally {
            if (opened) {
                fs.close();
            }
        }
    }

    private static void copyFrom(Path folder, Path targetDir, List<Path> jars) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                String name = source.getFileName().toString();
                if (name.endsWith(".jar")) {
                    Path target = targetDir.resolve(name);
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    jars.add(target);
                }
            }
        }
    }

    private static Path extractNativeLibrary(List<Path> jars, Path targetDir) throws IOException {
        String entryName = "jni/libaws-lambda-jni." + platform() + ".so";
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(entryName);
                if (entry != null) {
                    Path target = targetDir.resolve("libaws-lambda-jni.so");
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return target;
                }
            }
        }
        throw new IllegalStateException("the runtime interface client has no native library " + entryName
                + " for this platform (os.arch=" + System.getProperty("os.arch") + ")");
    }

    /** The RIC's platform suffix: {@code linux[_musl]-x86_64|aarch_64}. */
    static String platform() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new IllegalStateException("execution environments need Linux (the Lambda runtime interface client's "
                    + "native library exists for Linux only); os.name=" + System.getProperty("os.name"));
        }
        String arch = System.getProperty("os.arch");
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("no Lambda runtime native library for os.arch=" + arch);
        };
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException e) {
            musl = false;
        }
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }

    /** The runtime's jars, in a stable order. */
    public List<Path> jars() {
        return jars;
    }

    /** The unpacked native client library. */
    public Path nativeLibrary() {
        return nativeLibrary;
    }
}
