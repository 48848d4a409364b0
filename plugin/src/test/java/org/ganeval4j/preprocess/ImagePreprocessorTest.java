package org.ganeval4j.preprocess;

import org.ganeval4j.image.InputRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.ganeval4j.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImagePreprocessorTest {
    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static float[] toFloats(byte[] b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = b[i] & 0xFF;
        }
        return f;
    }

    private static float[] data(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void uint8BatchMatchesResizeThenNormalize(ResizeMode mode) {
        byte[] u8 = randomBytes(1, 2 * 3 * 20 * 30);
        INDArray out = ImagePreprocessor.builder(41, 17, mode, InputRange.UINT8).build()
                .preprocess(NpyArray.ofUint8(u8, 2, 3, 20, 30));
        assertThat(out.shape()).containsExactly(2, 3, 41, 17);
        assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
        float[] got = data(out);
        for (int i = 0; i < 2; i++) {
            float[] img = new float[3 * 600];
            for (int p = 0; p < img.length; p++) {
                img[p] = InputRange.UINT8.toDomain(u8[i * 1800 + p] & 0xFF, mode.domainMax());
            }
            float[] r = mode.resize(img, 3, 20, 30, 41, 17);
            for (int p = 0; p < r.length; p++) {
                assertThat(got[i * r.length + p]).isEqualTo(mode.normalize(r[p]));
            }
        }
    }

    @Test
    void pytorchFidInputIsTwoXMinusOneOfUint8Over255() {
        // unchanged size: the resize is the identity, so the input is exactly 2*(k/255f) - 1
        byte[] u8 = new byte[256];
        for (int k = 0; k < 256; k++) {
            u8[k] = (byte) k;
        }
        float[] got = data(ImagePreprocessor.builder(16, 16, ResizeMode.PYTORCH, InputRange.UINT8).build()
                .preprocess(NpyArray.ofUint8(u8, 1, 1, 16, 16)));
        for (int k = 0; k < 256; k++) {
            assertThat(got[k]).isEqualTo(2f * (k / 255f) - 1f);
        }
        float[] tf = data(ImagePreprocessor.builder(16, 16, ResizeMode.TF1, InputRange.UINT8).build()
                .preprocess(NpyArray.ofUint8(u8, 1, 1, 16, 16)));
        for (int k = 0; k < 256; k++) {
            assertThat(tf[k]).isEqualTo((k - 128f) / 128f);
        }
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void grayscaleIsReplicatedToThreeIdenticalChannels(ResizeMode mode) {
        byte[] gray = randomBytes(2, 2 * 28 * 28);
        byte[] rgb = new byte[2 * 3 * 28 * 28];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(gray, i * 784, rgb, (i * 3 + c) * 784, 784);
            }
        }
        ImagePreprocessor p = ImagePreprocessor.of(64, mode, InputRange.UINT8);
        INDArray g = p.preprocess(NpyArray.ofUint8(gray, 2, 1, 28, 28));
        INDArray c = p.preprocess(NpyArray.ofUint8(rgb, 2, 3, 28, 28));
        assertThat(g.shape()).containsExactly(2, 3, 64, 64);
        FloatArrays.assertBitwiseEqual(data(g), data(c), "values");
        float[] v = data(g);
        int plane = 64 * 64;
        FloatArrays.assertBitwiseEqual(Arrays.copyOfRange(v, plane, 2 * plane), Arrays.copyOfRange(v, 0, plane), "values");
        FloatArrays.assertBitwiseEqual(Arrays.copyOfRange(v, 2 * plane, 3 * plane), Arrays.copyOfRange(v, 0, plane), "values");
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void everyInputRangeGivesTheSameNetworkInput(ResizeMode mode) {
        byte[] u8 = randomBytes(3, 3 * 3 * 19 * 23);
        long[] shape = {3, 3, 19, 23};
        float[] reference = data(ImagePreprocessor.of(50, mode, InputRange.UINT8).preprocess(NpyArray.ofUint8(u8, shape)));
        float[] k = toFloats(u8);
        float[] zeroOne = new float[k.length];
        float[] minusOneOne = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            zeroOne[i] = k[i] / 255f;
            minusOneOne[i] = (2 * k[i] - 255f) / 255f;
        }
        FloatArrays.assertBitwiseEqual(data(ImagePreprocessor.of(50, mode, InputRange.ZERO_255).preprocess(Nd4j.create(k, shape, 'c'))), reference, "values");
        FloatArrays.assertBitwiseEqual(data(ImagePreprocessor.of(50, mode, InputRange.UINT8).preprocess(Nd4j.create(k, shape, 'c'))), reference, "values");
        // uint8 / integer INDArrays are pixel values whatever the declared range
        FloatArrays.assertBitwiseEqual(data(ImagePreprocessor.of(50, mode, InputRange.MINUS_ONE_ONE)
                .preprocess(Nd4j.create(k, shape, 'c').castTo(DataType.UINT8))), reference, "values");
        float[] z = data(ImagePreprocessor.of(50, mode, InputRange.ZERO_ONE).preprocess(Nd4j.create(zeroOne, shape, 'c')));
        float[] m = data(ImagePreprocessor.of(50, mode, InputRange.MINUS_ONE_ONE)
                .preprocess(Nd4j.create(minusOneOne, shape, 'c')));
        if (mode == ResizeMode.PYTORCH) {
            FloatArrays.assertBitwiseEqual(z, reference, "values"); // k/255f is the PYTORCH domain value itself
        }
        for (int i = 0; i < reference.length; i++) {
            assertThat(z[i]).isCloseTo(reference[i], Offset.offset(1e-5f));
            assertThat(m[i]).isCloseTo(reference[i], Offset.offset(1e-5f));
        }
    }

    @Test
    void rangeMappingFormulas() {
        assertThat(InputRange.UINT8.toDomain(51f, ResizeMode.PYTORCH.domainMax())).isEqualTo(51f / 255f);
        assertThat(InputRange.ZERO_255.toDomain(51f, ResizeMode.PYTORCH.domainMax())).isEqualTo(51f / 255f);
        assertThat(InputRange.ZERO_ONE.toDomain(0.2f, ResizeMode.PYTORCH.domainMax())).isEqualTo(0.2f);
        assertThat(InputRange.MINUS_ONE_ONE.toDomain(-1f, ResizeMode.PYTORCH.domainMax())).isEqualTo(0f);
        assertThat(InputRange.MINUS_ONE_ONE.toDomain(1f, ResizeMode.PYTORCH.domainMax())).isEqualTo(1f);
        for (ResizeMode m : new ResizeMode[] {ResizeMode.TF1, ResizeMode.CLEAN, ResizeMode.ANTIALIAS}) {
            assertThat(InputRange.UINT8.toDomain(51f, m.domainMax())).isEqualTo(51f);
            assertThat(InputRange.ZERO_ONE.toDomain(1f, m.domainMax())).isEqualTo(255f);
            assertThat(InputRange.MINUS_ONE_ONE.toDomain(-1f, m.domainMax())).isEqualTo(0f);
            assertThat(InputRange.MINUS_ONE_ONE.toDomain(1f, m.domainMax())).isEqualTo(255f);
            assertThat(InputRange.MINUS_ONE_ONE.toDomain(0f, m.domainMax())).isEqualTo(127.5f);
        }
        assertThat(ResizeMode.PYTORCH.normalize(0f)).isEqualTo(-1f);
        assertThat(ResizeMode.PYTORCH.normalize(1f)).isEqualTo(1f);
        assertThat(ResizeMode.CLEAN.normalize(0f)).isEqualTo(-1f);
        assertThat(ResizeMode.CLEAN.normalize(255f)).isEqualTo(127f / 128f);
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void batchOfManyEqualsImagesOneByOne(ResizeMode mode) {
        int n = 9;
        byte[] u8 = randomBytes(4, n * 3 * 32 * 32);
        ImagePreprocessor p = ImagePreprocessor.of(299, mode, InputRange.UINT8);
        float[] batch = data(p.preprocess(NpyArray.ofUint8(u8, n, 3, 32, 32)));
        int in = 3 * 32 * 32;
        int out = 3 * 299 * 299;
        for (int i = 0; i < n; i++) {
            float[] one = data(p.preprocess(NpyArray.ofUint8(Arrays.copyOfRange(u8, i * in, (i + 1) * in), 1, 3, 32, 32)));
            FloatArrays.assertBitwiseEqual(Arrays.copyOfRange(batch, i * out, (i + 1) * out), one, "image " + i);
        }
        ImagePreprocessor sequential = ImagePreprocessor.builder(299, 299, mode, InputRange.UINT8).parallel(false).build();
        FloatArrays.assertBitwiseEqual(data(sequential.preprocess(NpyArray.ofUint8(u8, n, 3, 32, 32))), batch, "values");
    }

    @Test
    void viewsAndFortranOrderAreReadCorrectly() {
        float[] k = toFloats(randomBytes(5, 4 * 3 * 10 * 12));
        INDArray all = Nd4j.create(k, new long[] {4, 3, 10, 12}, 'c');
        ImagePreprocessor p = ImagePreprocessor.of(20, ResizeMode.TF1, InputRange.ZERO_255);
        INDArray view = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray copy = Nd4j.create(Arrays.copyOfRange(k, 360, 1080), new long[] {2, 3, 10, 12}, 'c');
        FloatArrays.assertBitwiseEqual(data(p.preprocess(view)), data(p.preprocess(copy)), "values");
        FloatArrays.assertBitwiseEqual(data(p.preprocess(copy.dup('f'))), data(p.preprocess(copy)), "values");
        FloatArrays.assertBitwiseEqual(data(p.preprocess(copy.castTo(DataType.DOUBLE))), data(p.preprocess(copy)), "values");
    }

    @Test
    void floatArrayEntryPointMatchesIndArray() {
        float[] x = new float[2 * 1 * 8 * 8];
        Random rnd = new Random(6);
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        ImagePreprocessor p = ImagePreprocessor.of(11, ResizeMode.ANTIALIAS, InputRange.MINUS_ONE_ONE);
        FloatArrays.assertBitwiseEqual(p.preprocess(x, 2, 1, 8, 8), data(p.preprocess(Nd4j.create(x, new long[] {2, 1, 8, 8}, 'c'))), "values");
        assertThat(p.outputShape(2)).containsExactly(2, 3, 11, 11);
    }

    @Test
    void wrongRankIsRejectedWithTheShape() {
        ImagePreprocessor p = ImagePreprocessor.of(299, ResizeMode.PYTORCH, InputRange.ZERO_ONE);
        assertThatThrownBy(() -> p.preprocess(Nd4j.zeros(DataType.FLOAT, 3, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a rank-4 (N, C, H, W) batch, found rank 3 with shape [3, 32, 32]")
                .hasMessageContaining("reshape(1, C, H, W)");
    }

    @Test
    void otherChannelCountsAreRejectedNamingExpectedAndFound() {
        ImagePreprocessor p = ImagePreprocessor.of(299, ResizeMode.PYTORCH, InputRange.ZERO_ONE);
        assertThatThrownBy(() -> p.preprocess(Nd4j.zeros(DataType.FLOAT, 2, 4, 8, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 (grayscale) or 3 (RGB) channels")
                .hasMessageContaining("[N, 1|3, H, W]")
                .hasMessageContaining("found 4 in shape [2, 4, 8, 8]");
        assertThatThrownBy(() -> p.preprocess(Nd4j.zeros(DataType.FLOAT, 2, 32, 32, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 32 in shape [2, 32, 32, 3]")
                .hasMessageContaining("NHWC");
        assertThatThrownBy(() -> p.preprocess(NpyArray.ofUint8(new byte[2 * 2 * 4], 2, 2, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2 in shape [2, 2, 2, 2]");
    }

    @Test
    void nanIsRejectedWithItsPosition() {
        float[] x = new float[2 * 3 * 4 * 5];
        x[1 * 60 + 2 * 20 + 3 * 5 + 4] = Float.NaN;
        ImagePreprocessor p = ImagePreprocessor.of(8, ResizeMode.CLEAN, InputRange.ZERO_ONE);
        assertThatThrownBy(() -> p.preprocess(Nd4j.create(x, new long[] {2, 3, 4, 5}, 'c')))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected values in [0, 1] (InputRange.ZERO_ONE")
                .hasMessageContaining("found NaN at image 1, channel 2, y=3, x=4");
    }

    @Test
    void valuesOutsideTheDeclaredRangeAreRejectedWithAHint() {
        float[] x = new float[3 * 4 * 4];
        x[7] = 200f;
        ImagePreprocessor p = ImagePreprocessor.of(8, ResizeMode.PYTORCH, InputRange.ZERO_ONE);
        assertThatThrownBy(() -> p.preprocess(Nd4j.create(x, new long[] {1, 3, 4, 4}, 'c')))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected values in [0, 1] (InputRange.ZERO_ONE, slack 0.001 of the span)")
                .hasMessageContaining("found 200 at image 0, channel 0, y=1, x=3")
                .hasMessageContaining("batch values span [0, 200]")
                .hasMessageContaining("InputRange.ZERO_255 or UINT8");
        x[7] = -0.5f;
        assertThatThrownBy(() -> p.preprocess(Nd4j.create(x, new long[] {1, 3, 4, 4}, 'c')))
                .hasMessageContaining("MINUS_ONE_ONE");
        // within the slack: accepted as is
        x[7] = 1.0005f;
        assertThat(p.preprocess(Nd4j.create(x, new long[] {1, 3, 4, 4}, 'c')).shape()).containsExactly(1, 3, 8, 8);
        ImagePreprocessor strict = ImagePreprocessor.builder(8, 8, ResizeMode.PYTORCH, InputRange.ZERO_ONE)
                .rangeSlack(0).build();
        assertThatThrownBy(() -> strict.preprocess(Nd4j.create(x, new long[] {1, 3, 4, 4}, 'c')))
                .hasMessageContaining("found 1.0005");
    }

    @Test
    void uint8DeclaredFloatsMustBeIntegers() {
        float[] x = new float[3 * 4 * 4];
        x[0] = 12.5f;
        ImagePreprocessor p = ImagePreprocessor.of(8, ResizeMode.TF1, InputRange.UINT8);
        assertThatThrownBy(() -> p.preprocess(Nd4j.create(x, new long[] {1, 3, 4, 4}, 'c')))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected integer values 0..255 (InputRange.UINT8), found 12.5")
                .hasMessageContaining("InputRange.ZERO_255");
        INDArray ints = Nd4j.create(new float[] {0, 300, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new long[] {1, 3, 2, 2}, 'c')
                .castTo(DataType.INT32);
        assertThatThrownBy(() -> p.preprocess(ints)).hasMessageContaining("found 300");
    }

    @Test
    void nonUint8NpyArraysAreRejected() {
        ImagePreprocessor p = ImagePreprocessor.of(8, ResizeMode.TF1, InputRange.UINT8);
        assertThatThrownBy(() -> p.preprocess(NpyArray.ofFloats(new float[12], 1, 3, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a uint8 (N, C, H, W) array, found <f4 [1, 3, 2, 2]");
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> ImagePreprocessor.builder(0, 299, ResizeMode.PYTORCH, InputRange.UINT8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0x299");
        assertThatThrownBy(() -> ImagePreprocessor.builder(299, 299, null, InputRange.UINT8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[pytorch, tf1, clean, antialias]");
        assertThatThrownBy(() -> ImagePreprocessor.builder(299, 299, ResizeMode.PYTORCH, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ZERO_ONE");
        assertThatThrownBy(() -> ImagePreprocessor.builder(2, 2, ResizeMode.PYTORCH, InputRange.UINT8).rangeSlack(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1.0");
        assertThatThrownBy(() -> ImagePreprocessor.builder(50000, 50000, ResizeMode.PYTORCH, InputRange.UINT8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
    }

    @Test
    void valueSemantics() {
        ImagePreprocessor a = ImagePreprocessor.of(299, ResizeMode.PYTORCH, InputRange.UINT8);
        ImagePreprocessor b = ImagePreprocessor.builder(299, 299, ResizeMode.PYTORCH, InputRange.UINT8).parallel(false).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ImagePreprocessor.of(299, ResizeMode.TF1, InputRange.UINT8));
        assertThat(a.toString()).isEqualTo("ImagePreprocessor[299x299, mode=pytorch, input=UINT8, slack=0.001]");
        assertThat(a.height()).isEqualTo(299);
        assertThat(a.width()).isEqualTo(299);
    }
}
