package org.ganeval4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietStdoutTest {
    @Test
    void dropsOnlySameDiffsDifferentiationLines() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream out = QuietStdout.wrap(target);
        out.println("data: 2000 images");
        out.println("Added differentiated op conv2d");
        out.print("partial ");
        out.flush();
        out.println("line — ü");
        out.println("Added differentiated op permute");
        out.println("not Added differentiated op at the start");
        out.print("no newline yet");
        out.flush();
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                "data: 2000 images", "partial line — ü", "not Added differentiated op at the start", "no newline yet"));
    }
}
