package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "API" section is the public API: every public top-level type of the library outside an
 * {@code internal} package is listed under its package, nothing else is, and a type is listed as
 * {@code @Beta} exactly when its source (or its package) carries {@code org.ganeval4j.Beta}. No module's
 * main code imports an {@code internal} package of another module.
 */
class ApiSurfaceTest {
    private static final Pattern TYPE = Pattern.compile(
            "^(@Beta\\s+)?public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(org\\.ganeval4j\\.[\\w.]+)\\s*;",
            Pattern.MULTILINE);

    static Path root() {
        String root = System.getProperty("ganeval4j.root");
        return (root == null || root.isBlank() ? Paths.get("..") : Paths.get(root)).toAbsolutePath().normalize();
    }

    /** package (relative to org.ganeval4j, "" for the root) → type → beta, from the plugin's sources. */
    private static Map<String, Map<String, Boolean>> publicTypes() throws IOException {
        Path src = root().resolve("plugin/src/main/java/org/ganeval4j");
        Map<String, Map<String, Boolean>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = src.relativize(f.getParent()).toString().replace('/', '.');
                if (pkg.equals("internal") || pkg.startsWith("internal.") || pkg.contains(".internal")
                        || f.getFileName().toString().equals("package-info.java")) {
                    continue;
                }
                String text = Files.readString(f);
                Matcher m = TYPE.matcher(text);
                if (m.find() && f.getFileName().toString().equals(m.group(2) + ".java")) {
                    out.computeIfAbsent(pkg, k -> new TreeMap<>()).put(m.group(2), m.group(1) != null);
                }
            }
        }
        return out;
    }

    /**
     * The README's API table, package → type → beta: a row lists its types in back-quotes, and those after
     * {@code `@Beta`:} up to the next semicolon are marked.
     */
    private static Map<String, Map<String, Boolean>> listed() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        int start = readme.indexOf("\n## API\n");
        assertThat(start).as("README has an '## API' section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, Map<String, Boolean>> out = new TreeMap<>();
        Matcher m = Pattern.compile("^\\| (?:`([\\w.]+)`|\\(root\\)) \\| (.*) \\|$", Pattern.MULTILINE).matcher(section);
        while (m.find()) {
            Map<String, Boolean> types = out.computeIfAbsent(m.group(1) == null ? "" : m.group(1), k -> new TreeMap<>());
            for (String part : m.group(2).split(";")) {
                boolean beta = part.strip().startsWith("`@Beta`:");
                Matcher t = Pattern.compile("`([A-Z]\\w*)`").matcher(part);
                while (t.find()) {
                    types.put(t.group(1), beta);
                }
            }
        }
        return out;
    }

    @Test
    void theReadmeListsExactlyThePublicTypesAndTheirBetaMarks() throws IOException {
        Map<String, Map<String, Boolean>> code = publicTypes();
        Map<String, Map<String, Boolean>> readme = listed();
        assertThat(code).as("public types found").containsKeys("eval", "metric", "");
        assertThat(readme.keySet()).as("packages in the README's API table").isEqualTo(code.keySet());
        for (String pkg : code.keySet()) {
            assertThat(readme.get(pkg)).as("package '%s': the README's types (true = @Beta) vs the sources", pkg)
                    .isEqualTo(code.get(pkg));
        }
    }

    @Test
    void noModuleImportsAnotherModulesInternalPackages() throws IOException {
        List<String> modules = List.of("plugin", "reference-stats", "examples", "spark");
        Map<String, Set<String>> packagesOf = new TreeMap<>();
        for (String module : modules) {
            packagesOf.put(module, packages(root().resolve(module).resolve("src/main/java")));
        }
        List<String> violations = new ArrayList<>();
        for (String module : modules) {
            for (String dir : List.of("src/main/java", "src/test/java")) {
                Path src = root().resolve(module).resolve(dir);
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = IMPORT.matcher(Files.readString(f));
                        while (m.find()) {
                            String imported = m.group(1);
                            String pkg = imported.replaceAll("\\.[A-Z].*$", "");
                            if (pkg.contains(".internal") && !packagesOf.get(module).contains(pkg)) {
                                violations.add(module + "/" + src.relativize(f) + " imports " + imported);
                            }
                        }
                    }
                }
            }
        }
        Path acceptance = root().resolve("src-test/src/test/java");
        try (Stream<Path> files = Files.walk(acceptance)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (m.group(1).contains(".internal")) {
                        violations.add("src-test/" + acceptance.relativize(f) + " imports " + m.group(1));
                    }
                }
            }
        }
        assertThat(packagesOf.get("plugin")).as("the scan sees the library's internal packages")
                .contains("org.ganeval4j.image.internal");
        assertThat(violations).isEmpty();
    }

    private static Set<String> packages(Path src) throws IOException {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(src)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.add(src.relativize(f.getParent()).toString().replace('/', '.'));
            }
        }
        return out;
    }
}
