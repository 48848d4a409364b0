package org.ganeval4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: an output folder that cannot be written is one clear line and exit 2, before any work. */
class ExampleErrorsTest {
    @Test
    void anUnwritableOutputFolderIsOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        StringWriter err = new StringWriter();
        int code = Examples.commandLine(new DcganMnist()).setErr(new PrintWriter(err, true))
                .execute("--out", file.resolve("run").toString(), "--no-ui");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("DcganMnist: cannot create the output folder " + file.resolve("run"));
    }
}
