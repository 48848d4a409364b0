package org.ganeval4j.feature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The antialiased bilinear resize against torch ({@code resize/case_*.npz}, key {@code aa}, made by
 * {@code F.interpolate(..., antialias=True)}); for cases that only enlarge (no {@code aa} key) against
 * plain bilinear ({@code pytorch_fid} · 255), which it equals when enlarging.
 */
class AntialiasResizeTest {
    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(TestData.testdata("resize"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("case_")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTorch(Path file) throws IOException {
        Map<String, NpyArray> z = Npz.read(file);
        NpyArray input = z.get("input");
        boolean aa = z.containsKey("aa");
        NpyArray ref = aa ? z.get("aa") : z.get("pytorch_fid");
        int c = (int) input.shape(0);
        int h = (int) input.shape(1);
        int w = (int) input.shape(2);
        int oh = (int) ref.shape(1);
        int ow = (int) ref.shape(2);
        byte[] px = input.toByteArray();
        float[] expected = ref.toFloatArray();
        int worstUlps = 0;
        double worstAbs = 0;
        for (int ch = 0; ch < c; ch++) {
            float[] plane = new float[h * w];
            for (int i = 0; i < h * w; i++) {
                plane[i] = px[ch * h * w + i] & 0xFF;
            }
            float[] got = AntialiasResize.resize(plane, h, w, oh, ow);
            for (int i = 0; i < oh * ow; i++) {
                float e = expected[ch * oh * ow + i] * (aa ? 1f : 255f);
                worstAbs = Math.max(worstAbs, Math.abs(got[i] - e));
                if (aa) {
                    worstUlps = Math.max(worstUlps, Math.abs(Float.floatToIntBits(got[i]) - Float.floatToIntBits(e)));
                }
            }
        }
        System.out.printf("%s: %s, max %d ulps, max abs %.3g%n", file.getFileName(), aa ? "aa" : "bilinear", worstUlps, worstAbs);
        if (aa) {
            assertThat(worstUlps).isLessThanOrEqualTo(4);
        } else {
            assertThat(worstAbs).isLessThan(5e-4);
        }
    }
}
