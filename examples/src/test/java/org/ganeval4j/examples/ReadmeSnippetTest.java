package org.ganeval4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's listener snippet is the {@link ListenerSnippet} class as compiled here (without its
 * package line): what users copy compiles as written. CI's outside project compiles the README's copy.
 */
class ReadmeSnippetTest {
    @Test
    void theReadmeShowsTheCompiledSnippetVerbatim() throws Exception {
        String root = System.getProperty("ganeval4j.root");
        Path base = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        String readme = Files.readString(base.resolve("README.md"));
        String source = Files.readString(base.resolve("examples/src/main/java/org/ganeval4j/examples/ListenerSnippet.java"));
        String marker = "<!-- snippet: ListenerSnippet.java -->\n```java\n";
        assertThat(readme).contains(marker);
        String block = readme.substring(readme.indexOf(marker) + marker.length());
        block = block.substring(0, block.indexOf("```"));
        assertThat(source).startsWith("package org.ganeval4j.examples;\n\n");
        assertThat(block).isEqualTo(source.substring("package org.ganeval4j.examples;\n\n".length()));
    }
}
