package dev.turnstile.localstage.it;

import dev.turnstile.localstage.it.testfunctions.ProxySleepHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the compiled integration-test functions ({@code it/testfunctions}) into a jar, the way a template's
 * {@code CodeUri} names function code, so the stage runs them exactly as it runs the real function jar.
 */
final class TestFunctionJar {

    private TestFunctionJar() {
    }

    /** Writes the jar to {@code target} and returns it. */
    static Path write(Path target) {
        Path functions = testClassesRoot().resolve(ProxySleepHandler.class.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.walk(functions)) {
            List<Path> classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            if (classFiles.isEmpty()) {
                throw new IllegalStateException("no compiled test functions under " + functions);
            }
            writeJar(target, classFiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test function jar " + target, e);
        }
        return target;
    }

    /**
     * Lays out {@code folder} the way {@code sam build} leaves a Java function (and Lambda unpacks its .zip): the
     * {@code handler}'s class file under the folder, each dependency class in its own jar under {@code lib/}.
     */
    static Path writeBuiltFunction(Path folder, Class<?> handler, Class<?>... dependencies) {
        try {
            Path handlerFile = classFile(handler);
            Path target = folder.resolve(testClassesRoot().relativize(handlerFile).toString());
            Files.createDirectories(target.getParent());
            Files.copy(handlerFile, target);
            Path lib = Files.createDirectories(folder.resolve("lib"));
            for (Class<?> dependency : dependencies) {
                writeJar(lib.resolve(dependency.getSimpleName() + ".jar"), List.of(classFile(dependency)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the built function " + folder, e);
        }
        return folder;
    }

    /** A jar of compiled test classes, each under its package path. */
    private static void writeJar(Path target, List<Path> classFiles) throws IOException {
        Path classes = testClassesRoot();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Path file : classFiles) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
    }

    private static Path classFile(Class<?> type) {
        return testClassesRoot().resolve(type.getName().replace('.', '/') + ".class");
    }

    private static Path testClassesRoot() {
        try {
            return Path.of(ProxySleepHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
