package org.ganeval4j.preprocess;

import org.ganeval4j.image.InputRange;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mode against every {@code resize/case_*.npz} in the test data (made by the reference libraries, see
 * {@code ../shared/testdata/README.md}, "Resize conventions"): {@code input} uint8 (C,H,W) and one float32
 * (C,h,w) output per mode key.
 */
class ResizeReferenceTest {
    /** Reference key, mode, allowed ulps, allowed abs (in the mode's domain). */
    private record Key(String key, ResizeMode mode, long maxUlps, double maxAbs) {
    }

    private static final List<Key> KEYS = List.of(
            new Key("pytorch_fid", ResizeMode.PYTORCH, 0, 0),
            new Key("tf1x", ResizeMode.TF1, 0, 0),
            new Key("cleanfid", ResizeMode.CLEAN, 0, 0),
            // the README promises 'aa' only within a few ulps (its own port reached 3); ours is exact on every known
            // case, the bound stays the README's
            new Key("aa", ResizeMode.ANTIALIAS, 4, 5e-3));

    static Stream<Arguments> cases() throws IOException {
        Path dir = TestData.testdata("resize");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cases = files.filter(p -> p.getFileName().toString().matches("case_.*\\.npz")).sorted().toList();
            Path manifest = dir.resolve("manifest.json");
            if (Files.exists(manifest)) {
                // every case the manifest names must be there to be tested
                Matcher m = Pattern.compile("\"file\"\\s*:\\s*\"(case_[^\"]+\\.npz)\"").matcher(Files.readString(manifest));
                while (m.find()) {
                    assertThat(dir.resolve(m.group(1))).as("case listed in " + manifest).exists();
                }
            }
            for (Path f : cases) {
                List<String> keys = Npz.keys(f);
                for (Key k : KEYS) {
                    if (keys.contains(k.key())) {
                        out.add(Arguments.of(f.getFileName().toString(), k.key()));
                    }
                }
            }
        }
        assertThat(out).as("resize cases in " + dir).isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesReference(String file, String key) throws IOException {
        Key k = KEYS.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        Map<String, NpyArray> z = Npz.read(TestData.testdata("resize/" + file));
        NpyArray input = z.get("input");
        NpyArray ref = z.get(key);
        assertThat(input.ndim()).isEqualTo(3);
        assertThat(ref.ndim()).isEqualTo(3);
        int c = (int) input.shape(0);
        int h = (int) input.shape(1);
        int w = (int) input.shape(2);
        assertThat(ref.shape(0)).isEqualTo(c);
        int oh = (int) ref.shape(1);
        int ow = (int) ref.shape(2);

        byte[] u8 = input.toByteArray();
        float[] domain = new float[u8.length];
        for (int i = 0; i < u8.length; i++) {
            domain[i] = InputRange.UINT8.toDomain(u8[i] & 0xFF, k.mode().domainMax());
        }
        float[] got = k.mode().resize(domain, c, h, w, oh, ow);
        float[] want = ref.toFloatArray();

        long maxUlps = 0;
        double maxAbs = 0;
        int differing = 0;
        for (int i = 0; i < want.length; i++) {
            long ulps = ulps(got[i], want[i]);
            if (ulps != 0) {
                differing++;
            }
            maxUlps = Math.max(maxUlps, ulps);
            maxAbs = Math.max(maxAbs, Math.abs((double) got[i] - want[i]));
        }
        System.out.printf("resize %-36s %-12s %dx%dx%d -> %dx%d: max ulps %d, max abs %.3g, %d of %d differ%n",
                file, key, c, h, w, oh, ow, maxUlps, maxAbs, differing, want.length);
        assertThat(maxUlps).as("max ulps of %s %s (max abs %s)", file, key, maxAbs).isLessThanOrEqualTo(k.maxUlps());
        assertThat(maxAbs).as("max abs of %s %s", file, key).isLessThanOrEqualTo(k.maxAbs());
    }

    /** Distance in units in the last place between two finite floats (0 for +0/-0). */
    static long ulps(float a, float b) {
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }
}
