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
        Path classes = testClassesRoot();
        Path functions = classes.resolve(ProxySleepHandler.class.getPackageName().replace('.', '/'));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (Stream<Path> files = Files.walk(functions);
             OutputStream out = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            List<Path> classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            if (classFiles.isEmpty()) {
                throw new IllegalStateException("no compiled test functions under " + functions);
            }
            for (Path file : classFiles) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
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
        Path classes = testClassesRoot();
        try {
            Path handlerFile = classFile(handler);
            Path target = folder.resolve(classes.relativize(handlerFile).toString());
            Files.createDirectories(target.getParent());
            Files.copy(handlerFile, target);
            Path lib = Files.createDirectories(folder.resolve("lib"));
            for (Class<?> dependency : dependencies) {
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                Path file = classFile(dependency);
                try (OutputStream out = Files.newOutputStream(lib.resolve(dependency.getSimpleName() + ".jar"));
                     JarOutputStream jar = new JarOutputStream(out, manifest)) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the built function " + folder, e);
        }
        return folder;
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
