package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganeval4j.metric.ReferenceCases.rel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inception Score against torch-fidelity 0.4.0's {@code isc_features_to_metric}: every block with an
 * {@code isc_mean} of every {@code logits} case, and every {@code logits_closed_form} case (logits
 * built from its {@code construction}). Tolerance 1e-10 relative (README).
 */
class InceptionScoreReferenceTest {
    private static final double REL = 1e-10;
    private static final Pattern SPLITS = Pattern.compile("splits=(\\d+)");
    private static final Pattern SHUFFLE = Pattern.compile("shuffle=(True|False)");
    private static final Pattern SEED = Pattern.compile("rng_seed=(\\d+)");
    private static final Pattern CONSTANT = Pattern.compile("all logits (-?[0-9.]+)");
    private static final Pattern ONE_HOT = Pattern.compile("logit (-?[0-9.]+) at class i(?:\\s*%\\s*(\\d+))?");

    static Stream<Arguments> iscBlocks() {
        return ReferenceCases.blocks("logits", "isc_mean");
    }

    static Stream<String> closedForms() {
        return ReferenceCases.names("logits_closed_form").stream();
    }

    private static InceptionScore fromParams(JsonNode params) {
        String f = params.path("function").asText("");
        int splits = params.has("isc_splits") ? params.get("isc_splits").asInt() : Integer.parseInt(find(SPLITS, f, "10"));
        boolean shuffle = params.has("samples_shuffle") ? params.get("samples_shuffle").asBoolean()
                : find(SHUFFLE, f, "True").equals("True");
        long seed = params.has("rng_seed") ? params.get("rng_seed").asLong() : Long.parseLong(find(SEED, f, "2020"));
        return InceptionScore.builder().splits(splits).shuffle(shuffle).seed(seed).build();
    }


    private static String find(Pattern p, String s, String fallback) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : fallback;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("iscBlocks")
    void matchesTorchFidelity(String name, String block) {
        JsonNode e = ReferenceCases.node(name).get(block);
        InceptionScore is = fromParams(e.path("params"));
        FeatureMatrix logits = ReferenceCases.logits(name);
        assertThat(logits.rows()).isEqualTo(ReferenceCases.node(name).path("n").asInt(logits.rows()));

        InceptionScoreResult r = is.compute(logits);

        double mean = e.path("isc_mean").asDouble();
        double std = e.path("isc_std").asDouble();
        System.out.printf("IS %s/%s (splits=%d, shuffle=%s): %.15g | ref %.15g rel %.2e | std rel %.2e%n", name, block,
                is.splits(), is.shuffle(), r.mean(), mean, rel(r.mean(), mean), rel(r.std(), std));
        assertThat(rel(r.mean(), mean)).isLessThanOrEqualTo(REL);
        assertThat(r.mean()).isCloseTo(mean, org.assertj.core.data.Offset.offset(REL * Math.abs(mean)));
        assertThat(Math.abs(r.std() - std)).isLessThanOrEqualTo(REL * Math.abs(mean));
        JsonNode perSplit = e.path("per_split");
        if (perSplit.isArray()) {
            double[] expected = ReferenceCases.doubles(perSplit);
            double[] ours = r.perSplit();
            assertThat(ours).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(rel(ours[i], expected[i])).as("split %d", i).isLessThanOrEqualTo(REL);
            }
        }
    }

    /** Builds the logits that a closed-form case's {@code construction} describes. */
    static FeatureMatrix construct(JsonNode c) {
        int n = c.path("n").asInt();
        int classes = c.path("classes").asInt();
        String text = c.path("construction").asText();
        float[] x = new float[n * classes];
        Matcher constant = CONSTANT.matcher(text);
        Matcher oneHot = ONE_HOT.matcher(text);
        if (constant.find()) {
            java.util.Arrays.fill(x, Float.parseFloat(constant.group(1)));
        } else if (oneHot.find()) {
            float v = Float.parseFloat(oneHot.group(1));
            int mod = oneHot.group(2) == null ? Integer.MAX_VALUE : Integer.parseInt(oneHot.group(2));
            for (int i = 0; i < n; i++) {
                x[i * classes + i % mod] = v;
            }
        } else {
            throw new AssertionError("unknown closed-form construction: " + text);
        }
        return FeatureMatrix.of(x, n, classes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedForms")
    void closedForms(String name) {
        JsonNode c = ReferenceCases.node(name);
        InceptionScore is = InceptionScore.builder().splits(c.path("splits").asInt()).shuffle(c.path("shuffle").asBoolean())
                .seed(c.path("rng_seed").asLong(2020)).build();
        InceptionScoreResult r = is.compute(construct(c));
        double expected = c.path("expected_isc_mean").asDouble();
        double computed = c.path("isc_mean").asDouble();
        System.out.printf("IS %s: %.17g | closed form %.17g rel %.2e | torch-fidelity %.17g rel %.2e | std %.2e%n", name,
                r.mean(), expected, rel(r.mean(), expected), computed, rel(r.mean(), computed), r.std());
        assertThat(rel(r.mean(), expected)).isLessThanOrEqualTo(REL);
        assertThat(rel(r.mean(), computed)).isLessThanOrEqualTo(REL);
        assertThat(Math.abs(r.std() - c.path("expected_isc_std").asDouble())).isLessThanOrEqualTo(REL * expected);
    }
}
