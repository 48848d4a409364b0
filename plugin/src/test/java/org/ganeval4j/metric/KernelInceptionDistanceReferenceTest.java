package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganeval4j.metric.ReferenceCases.rel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KID against torch-fidelity 0.4.0's {@code kid_features_to_metric(fake, real)}: every block of every
 * {@code features} case in {@code metrics/expected.json} that carries a {@code kid_mean}, with the
 * parameters the block records. Tolerances from the file's README: the float64 check to 1e-9
 * absolute (and 2e-5 relative), the float32 library value to 1e-6 absolute, each subset's float64
 * MMD² to 1e-9 absolute (which also proves the subsets are the same rows).
 */
class KernelInceptionDistanceReferenceTest {

    static Stream<Arguments> kidBlocks() {
        return ReferenceCases.blocks("features", "kid_mean");
    }

    static KernelInceptionDistance fromParams(JsonNode params) {
        KernelInceptionDistance.Builder b = KernelInceptionDistance.builder()
                .subsets(params.path("kid_subsets").asInt(KernelInceptionDistance.DEFAULT_SUBSETS))
                .subsetSize(params.path("kid_subset_size").asInt(KernelInceptionDistance.DEFAULT_SUBSET_SIZE))
                .seed(params.path("rng_seed").asLong(KernelInceptionDistance.DEFAULT_SEED))
                .degree(params.path("kid_kernel_poly_degree").asInt(KernelInceptionDistance.DEFAULT_DEGREE))
                .coef0(params.path("kid_kernel_poly_coef0").asDouble(KernelInceptionDistance.DEFAULT_COEF0));
        JsonNode gamma = params.path("kid_kernel_poly_gamma");
        if (gamma.isNumber()) {
            b.gamma(gamma.asDouble());
        }
        assertThat(params.path("kid_kernel").asText("poly")).isEqualTo("poly");
        assertThat(params.path("mmd_estimator").asText("unbiased")).isEqualTo("unbiased");
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kidBlocks")
    void matchesTorchFidelity(String name, String block) {
        JsonNode e = ReferenceCases.node(name).get(block);
        KernelInceptionDistance kid = fromParams(e.path("params"));
        FeatureMatrix real = ReferenceCases.features(name, "real");
        FeatureMatrix fake = ReferenceCases.features(name, "fake");

        long t0 = System.nanoTime();
        KidResult r = kid.compute(real, fake);
        double ms = (System.nanoTime() - t0) / 1e6;

        double f64 = e.path("float64_check").path("kid_mean").asDouble();
        double f64Std = e.path("float64_check").path("kid_std").asDouble();
        double f32 = e.path("kid_mean").asDouble();
        System.out.printf("KID %s/%s (%d × %d, d=%d): %.15g | float64 ref %.15g abs %.2e rel %.2e | float32 ref abs %.2e |"
                + " std abs %.2e | %.0f ms%n", name, block, kid.subsets(), kid.subsetSize(), real.cols(), r.mean(), f64,
                Math.abs(r.mean() - f64), rel(r.mean(), f64), Math.abs(r.mean() - f32), Math.abs(r.std() - f64Std), ms);

        assertThat(r.mean()).isCloseTo(f64, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rel(r.mean(), f64)).isLessThanOrEqualTo(2e-5);
        assertThat(r.mean()).isCloseTo(f32, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.std()).isCloseTo(f64Std, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.subsets()).isEqualTo(kid.subsets());
        assertThat(r.subsetSize()).isEqualTo(kid.subsetSize());
        assertThat(r.realRows()).isEqualTo(ReferenceCases.node(name).path("n_real").asInt(real.rows()));
        assertThat(r.fakeRows()).isEqualTo(ReferenceCases.node(name).path("n_fake").asInt(fake.rows()));
        JsonNode gammaEff = e.path("params").path("gamma_effective");
        if (gammaEff.isNumber()) {
            assertThat(r.gamma()).isEqualTo(gammaEff.asDouble());
        }
        JsonNode perSubset = e.path("per_subset_mmd2_float64");
        if (perSubset.isArray()) {
            double[] expected = ReferenceCases.doubles(perSubset);
            double[] ours = r.perSubset();
            assertThat(ours).hasSameSizeAs(expected);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(ours[i] - expected[i]));
            }
            System.out.printf("    per-subset float64 worst abs %.2e over %d subsets%n", worst, expected.length);
            assertThat(worst).isLessThanOrEqualTo(1e-9);
        }
    }
}
