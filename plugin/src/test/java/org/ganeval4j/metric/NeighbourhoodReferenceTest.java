package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Precision/recall against torch-fidelity 0.4.0 ({@code prc_features_to_metric(fake, real)}, blocks
 * with {@code count_precision} and {@code prc_neighborhood}) and precision/recall/density/coverage
 * against clovaai prdc ({@code compute_prdc(real, fake, nearest_k)}, blocks with
 * {@code count_density_pairs}) for every {@code features} case of {@code metrics/expected.json}:
 * every count exactly (also the exact-float64 counts), the fractions to 1e-7 (torch-fidelity stores
 * float32 fractions) or 1e-12 relative (prdc's float64).
 */
class NeighbourhoodReferenceTest {

    static Stream<Arguments> prcBlocks() {
        return ReferenceCases.blocks("features", "count_precision")
                .filter(a -> !ReferenceCases.node((String) a.get()[0]).get((String) a.get()[1]).has("count_density_pairs"));
    }

    static Stream<Arguments> prdcBlocks() {
        return ReferenceCases.blocks("features", "count_density_pairs");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("prcBlocks")
    void precisionRecallMatchesTorchFidelity(String name, String block) {
        JsonNode e = ReferenceCases.node(name).get(block);
        JsonNode params = e.path("params");
        assertThat(params.path("comparison").asText("distance <= radius")).contains("<=");
        PrecisionRecall pr = PrecisionRecall.builder().k(params.path("prc_neighborhood").asInt(PrecisionRecall.DEFAULT_K)).build();
        FeatureMatrix real = ReferenceCases.features(name, "real");
        FeatureMatrix fake = ReferenceCases.features(name, "fake");

        long t0 = System.nanoTime();
        PrecisionRecallResult r = pr.compute(real, fake);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("PR %s/%s k=%d: precision %d/%d (ref %d), recall %d/%d (ref %d), f %.9f (ref %.9f) | %.0f ms%n", name,
                block, pr.k(), r.precisionCount(), r.fakeRows(), e.path("count_precision").asInt(), r.recallCount(), r.realRows(),
                e.path("count_recall").asInt(), r.fScore(), e.path("f_score").asDouble(), ms);

        assertThat(r.precisionCount()).isEqualTo(e.path("count_precision").asInt());
        assertThat(r.recallCount()).isEqualTo(e.path("count_recall").asInt());
        JsonNode exact = e.path("exact_float64_counts");
        if (exact.isObject()) {
            assertThat(r.precisionCount()).isEqualTo(exact.path("precision").asInt());
            assertThat(r.recallCount()).isEqualTo(exact.path("recall").asInt());
        }
        assertThat(r.precision()).isCloseTo(e.path("precision").asDouble(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(r.recall()).isCloseTo(e.path("recall").asDouble(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(r.fScore()).isCloseTo(e.path("f_score").asDouble(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(r.asMap()).containsKeys("precision", "recall", "f_score");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("prdcBlocks")
    void densityCoverageMatchesPrdc(String name, String block) {
        JsonNode e = ReferenceCases.node(name).get(block);
        JsonNode params = e.path("params");
        assertThat(params.path("comparison").asText("distance < radius")).doesNotContain("<=");
        DensityCoverage dc = DensityCoverage.builder().k(params.path("nearest_k").asInt(DensityCoverage.DEFAULT_K)).build();
        FeatureMatrix real = ReferenceCases.features(name, "real");
        FeatureMatrix fake = ReferenceCases.features(name, "fake");

        long t0 = System.nanoTime();
        DensityCoverageResult r = dc.compute(real, fake);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("PRDC %s/%s k=%d: precision %d (ref %d), recall %d (ref %d), density pairs %d (ref %d, within 1e-6 rel: %s),"
                + " coverage %d (ref %d) | %.0f ms%n", name, block, dc.k(), r.precisionCount(), e.path("count_precision").asInt(),
                r.recallCount(), e.path("count_recall").asInt(), r.densityPairs(), e.path("count_density_pairs").asLong(),
                e.path("density_pairs_within_1e-6_rel").asText("?"), r.coverageCount(), e.path("count_coverage").asInt(), ms);

        assertThat(r.precisionCount()).isEqualTo(e.path("count_precision").asInt());
        assertThat(r.recallCount()).isEqualTo(e.path("count_recall").asInt());
        assertThat(r.densityPairs()).isEqualTo(e.path("count_density_pairs").asLong());
        assertThat(r.coverageCount()).isEqualTo(e.path("count_coverage").asInt());
        JsonNode exact = e.path("exact_float64_counts");
        if (exact.isObject()) {
            assertThat(r.precisionCount()).isEqualTo(exact.path("precision").asInt());
            assertThat(r.recallCount()).isEqualTo(exact.path("recall").asInt());
            assertThat(r.densityPairs()).isEqualTo(exact.path("density_pairs").asLong());
            assertThat(r.coverageCount()).isEqualTo(exact.path("coverage").asInt());
        }
        for (String key : new String[] {"precision", "recall", "density", "coverage"}) {
            double ours = r.asMap().get(key);
            double ref = e.path(key).asDouble();
            assertThat(ReferenceCases.rel(ours, ref)).as(key).isLessThanOrEqualTo(1e-12);
            assertThat(ours).as(key).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(ref))));
        }
    }
}
