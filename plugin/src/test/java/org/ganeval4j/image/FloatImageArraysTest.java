package org.ganeval4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Float {@code .npy} image arrays with a declared range: mapped to the canonical 0..255 scale without
 * quantisation, every value checked against the range, refused without a range; uint8 unchanged.
 */
class FloatImageArraysTest {
    private static final float[] MINUS_ONE_ONE = {-1f, -0.5f, 0.1234567f, 1f, 0.99f, -0.003f};

    @ParameterizedTest
    @EnumSource(value = InputRange.class, names = {"MINUS_ONE_ONE", "ZERO_ONE", "ZERO_255"})
    void floatValuesAreMappedNotQuantised(InputRange range, @TempDir Path dir) throws Exception {
        float[] v = new float[MINUS_ONE_ONE.length];
        for (int i = 0; i < v.length; i++) {
            // the same relative positions on each range
            float t = (MINUS_ONE_ONE[i] + 1f) / 2f;
            v[i] = range.min() + t * (range.max() - range.min());
        }
        for (boolean float64 : new boolean[] {false, true}) {
            Path f = dir.resolve(range + "-" + float64 + ".npy");
            if (float64) {
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = v[i];
                }
                Npy.write(NpyArray.ofDoubles(d, 2, 1, 1, 3), f);
            } else {
                Npy.write(NpyArray.ofFloats(v, 2, 1, 1, 3), f);
            }
            try (ImageSource s = ImageSources.open(f, ImageSources.Options.defaults().withRange(range))) {
                assertThat(s.size()).isEqualTo(2);
                assertThat(s.description()).contains("float" + (float64 ? "64" : "32"));
                INDArray b = s.next(8);
                assertThat(b.shape()).containsExactly(2, 1, 1, 3);
                float[] got = b.dup('c').data().asFloat();
                for (int i = 0; i < v.length; i++) {
                    assertThat(got[i]).as("value %d", i).isEqualTo(range.toDomain(v[i], 255f));
                }
                assertThat(got[2]).as("not a whole level").isNotEqualTo((float) Math.rint(got[2]));
                assertThat(s.next(8)).isNull();
            }
        }
    }

    @Test
    void aFloatArrayNeedsItsRangeAndEveryValueInIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        Npy.write(NpyArray.ofFloats(MINUS_ONE_ONE, 2, 1, 1, 3), f);
        assertThatThrownBy(() -> ImageSources.open(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.npy: a float32 image array needs its value range declared")
                .hasMessageContaining("uint8 arrays need none");
        assertThatThrownBy(() -> ImageSources.open(f, ImageSources.Options.defaults().withRange(InputRange.ZERO_ONE)))
                .hasMessageContaining("value -1.0 in image 0 is outside the declared range [0, 1]")
                .hasMessageContaining("3 of 6 values outside");
        float[] nan = MINUS_ONE_ONE.clone();
        nan[4] = Float.NaN;
        Npy.write(NpyArray.ofFloats(nan, 2, 1, 1, 3), f);
        assertThatThrownBy(() -> ImageSources.open(f, ImageSources.Options.defaults().withRange(InputRange.MINUS_ONE_ONE)))
                .hasMessageContaining("value NaN in image 1");
        Npy.write(NpyArray.ofFloats(new float[12], 2, 2, 1, 3), f);
        assertThatThrownBy(() -> ImageSources.open(f, ImageSources.Options.defaults().withRange(InputRange.ZERO_ONE)))
                .hasMessageContaining("C = 1 or 3").hasMessageContaining("[2, 2, 1, 3]");
    }

    @Test
    void uint8ArraysIgnoreTheFloatRange(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("u.npy");
        Npy.write(NpyArray.ofUint8(new byte[] {0, 7, (byte) 255}, 1, 1, 1, 3), f);
        try (ImageSource s = ImageSources.open(f, ImageSources.Options.defaults().withRange(InputRange.MINUS_ONE_ONE))) {
            assertThat(s.next(4).dup('c').data().asFloat()).containsExactly(0f, 7f, 255f);
        }
        assertThat(InputRange.MINUS_ONE_ONE.toDomain(0.5f, 255f)).isCloseTo(191.25f, within(1e-4f));
    }
}
