package org.ganeval4j.spark.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main class of {@code spark/target/ganeval4j-spark.jar}: runs the {@code ganeval4j} CLI with this
 * jar, {@code lib/} (ganeval4j, DL4J) and {@code lib-spark/} (Spark) beside it on one class path, so
 * {@code java -jar ganeval4j-spark.jar stats … --spark local[*]} needs nothing else. (A manifest
 * {@code Class-Path} cannot list two folders' jars built by Maven, hence the class loader; the
 * manifest's {@code Add-Opens} opens what Spark needs to every unnamed module, this loader's included.)
 * {@code -Dganeval4j.main=CLASS} runs another main class the same way, e.g. {@link SparkBench}.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        for (String dir : new String[] {"lib", "lib-spark"}) {
            urls.addAll(jars(jar.resolveSibling(dir)));
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        String main = System.getProperty("ganeval4j.main", "org.ganeval4j.cli.Main");
        loader.loadClass(main).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private static List<URL> jars(Path dir) throws IOException {
        List<URL> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: the launcher needs the lib/ and lib-spark/ folders that"
                    + " `mvn package` writes beside ganeval4j-spark.jar");
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                out.add(p.toUri().toURL());
            }
        }
        return out;
    }
}
