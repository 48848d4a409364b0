package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every module of the network against pytorch-fid's per-module record of image 0 of group a_299
 * ({@code fid/debug_a_299_img0.npz}: per-channel spatial means and three probe pixels of each
 * BasicConv2d after BN+ReLU, each Mixed block and the wrapper pools), for the folded-BatchNorm
 * network and for the unfolded one; and how far folding moves the outputs.
 */
class FidInceptionModulesTest {
    private static final String DEBUG = "fid/debug_a_299_img0.npz";
    /** Module-level tolerance: max |diff| relative to the module's max |ref| (the network reaches ~1e-5). */
    private static final double MODULE_REL = 1e-4;

    private static Map<String, NpyArray> debug;
    private static INDArray input;
    private static List<String> modules;

    @BeforeAll
    static void load() throws IOException {
        debug = Npz.read(TestData.testdata(DEBUG));
        NpyArray u8 = debug.get("input_uint8");
        byte[] b = u8.toByteArray();
        float[] x = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = 2f * ((b[i] & 0xff) / 255f) - 1f;  // pytorch-fid: ToTensor's u8/255, then 2x - 1 (no resize at 299)
        }
        input = Nd4j.create(x, new long[] {1, 3, 299, 299}, 'c');
        modules = new ArrayList<>();
        for (String k : debug.keySet()) {
            if (k.endsWith(".mean")) {
                modules.add(k.substring(0, k.length() - ".mean".length()));
            }
        }
    }

    private static String variable(String module) {
        return module.equals("block3.AdaptiveAvgPool2d") ? "pool_2048" : module;
    }

    /** Max over modules of the module-relative error of means and probes; asserts each module. */
    private static double check(FidInceptionV3 net, String label) {
        Map<String, INDArray> acts = net.activations(input, modules.stream().map(FidInceptionModulesTest::variable).toList());
        double worst = 0;
        String worstModule = null;
        for (String m : modules) {
            INDArray a = acts.get(variable(m));
            long[] shape = java.util.Arrays.stream(debug.get(m + ".shape").toDoubleArray()).mapToLong(v -> (long) v).toArray();
            INDArray act = a.rank() == 2 ? a.reshape(1, a.size(1), 1, 1) : a;
            assertThat(act.shape()).as(m).containsExactly(1, shape[0], shape[1], shape[2]);
            double[] mean = act.castTo(DataType.DOUBLE).mean(2, 3).dup('c').data().asDouble();
            float[] refMean = debug.get(m + ".mean").toFloatArray();
            float[] refProbe = debug.get(m + ".probe").toFloatArray();
            int c = (int) shape[0];
            int h = (int) shape[1];
            int w = (int) shape[2];
            long[][] at = {{0, 0}, {h - 1, w - 1}, {h / 2, w / 2}};
            double max = 0;
            double diff = 0;
            for (int ch = 0; ch < c; ch++) {
                max = Math.max(max, Math.abs(refMean[ch]));
                diff = Math.max(diff, Math.abs(mean[ch] - refMean[ch]));
                for (int p = 0; p < 3; p++) {
                    float ref = refProbe[ch * 3 + p];
                    max = Math.max(max, Math.abs(ref));
                    diff = Math.max(diff, Math.abs(act.getFloat(0, ch, at[p][0], at[p][1]) - ref));
                }
            }
            double rel = diff / max;
            if (rel > worst) {
                worst = rel;
                worstModule = m;
            }
            assertThat(rel).as("%s %s: max |diff| %s of max |ref| %s", label, m, diff, max).isLessThan(MODULE_REL);
        }
        System.out.printf("fid-inception modules (%s): %d modules, worst module-relative error %.2e (%s)%n", label,
                modules.size(), worst, worstModule);
        return worst;
    }

    @Test
    void everyModuleMatchesPytorchFidWithFoldedBatchNorm() {
        assertThat(modules).hasSize(108).contains("Conv2d_1a_3x3", "Mixed_6e.branch7x7dbl_5", "Mixed_7c.branch_pool",
                "block0.MaxPool2d", "block1.MaxPool2d", "block3.AdaptiveAvgPool2d");
        check(FidReference.network(), "folded BatchNorm");
    }

    @Test
    void unfoldedBatchNormMatchesTooAndFoldingMovesOutputsByFloatNoiseOnly() throws IOException {
        try (FidInceptionV3 unfolded = FidInceptionV3.builder().weights(TestData.testdata(FidReference.CHECKPOINT))
                .foldBatchNorm(false).build()) {
            assertThat(unfolded.foldBatchNorm()).isFalse();
            check(unfolded, "unfolded BatchNorm");
            var outs = FidReference.network().outputs().keySet();
            Map<String, INDArray> f = FidReference.network().extractNetworkInput(input, outs);
            Map<String, INDArray> u = unfolded.extractNetworkInput(input, outs);
            for (String o : outs) {
                double rel = FidReference.compare(f.get(o), u.get(o)).max();
                System.out.printf("fid-inception folding effect on %-16s %.2e (row-relative)%n", o, rel);
                assertThat(rel).as(o).isLessThan(5e-5);
            }
        }
    }
}
