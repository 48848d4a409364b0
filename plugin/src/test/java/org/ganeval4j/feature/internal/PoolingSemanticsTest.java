package org.ganeval4j.feature.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pooling semantics the graph relies on, checked against PyTorch's definitions written out
 * here rather than taken from ND4J's names: a 3x3, stride-1, padding-1 average pool with
 * {@link Pooling2D.Divisor#EXCLUDE_PADDING} is {@code avg_pool2d(..., count_include_pad=False)}
 * (the sum over the in-image part of the window divided by its size); a padded max pool ignores
 * the padding. (In ND4J 1.0.0-M2.1 SameDiff's {@code avgPooling2d} ignores the divisor setting:
 * {@link Pooling2D.Divisor#INCLUDE_PADDING} also excludes the padding, in both the plain and the
 * oneDNN build and both layouts, while DL4J's {@code SubsamplingLayer.avgPoolIncludePadInDivisor}
 * does what its name says. So the name proves nothing; this test does.)
 */
class PoolingSemanticsTest {
    private static final int H = 5;
    private static final int W = 6;
    private static final int C = 2;

    enum Case { AVG_EXCLUDE_PADDING, MAX }

    @ParameterizedTest
    @EnumSource(Case.class)
    void paddedThreeByThreePoolMatchesPytorch(Case c) {
        Random r = new Random(7);
        float[] x = new float[H * W * C];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();  // negative values too: a max pool must not see zero padding
        }
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, 1, H, W, C);
        Pooling2DConfig.Pooling2DConfigBuilder b = Pooling2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                .dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(true);
        SDVariable out = switch (c) {
            case AVG_EXCLUDE_PADDING -> sd.cnn().avgPooling2d("y", in, b.type(Pooling2D.Pooling2DType.AVG)
                    .divisor(Pooling2D.Divisor.EXCLUDE_PADDING).build());
            case MAX -> sd.cnn().maxPooling2d("y", in, b.type(Pooling2D.Pooling2DType.MAX).build());
        };
        INDArray y = sd.outputSingle(java.util.Map.of("x", Nd4j.create(x, new long[] {1, H, W, C}, 'c')), out.name());
        assertThat(y.shape()).containsExactly(1, H, W, C);
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < W; j++) {
                for (int ch = 0; ch < C; ch++) {
                    double sum = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    int count = 0;
                    for (int di = -1; di <= 1; di++) {
                        for (int dj = -1; dj <= 1; dj++) {
                            int ii = i + di;
                            int jj = j + dj;
                            if (ii >= 0 && ii < H && jj >= 0 && jj < W) {
                                float v = x[(ii * W + jj) * C + ch];
                                sum += v;
                                max = Math.max(max, v);
                                count++;
                            }
                        }
                    }
                    double expected = switch (c) {
                        case AVG_EXCLUDE_PADDING -> sum / count;
                        case MAX -> max;
                    };
                    assertThat((double) y.getFloat(0, i, j, ch)).as("%s at (%d,%d,%d)", c, i, j, ch)
                            .isCloseTo(expected, within(1e-6));
                }
            }
        }
    }
}
