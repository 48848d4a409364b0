package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.metric.InceptionScoreResult;

/**
 * Inception Score (Salimans et al. 2016) of generated samples from an extractor's logits output
 * ({@code logits_unbiased} of the FID Inception network, as torch-fidelity): mean and standard
 * deviation over splits, computed exactly in streaming form ({@link InceptionScore#streaming}), so
 * memory is O(splits × classes) however many samples.
 */
public final class InceptionScoreMetric implements GanMetric {
    /** The FID Inception output torch-fidelity's Inception Score uses. */
    public static final String LOGITS = "logits_unbiased";

    private final FeatureRequest request;
    private final InceptionScore is;

    /** IS from {@code output} of {@code extractor} with the given configuration. */
    public InceptionScoreMetric(FeatureExtractor extractor, String output, InceptionScore is) {
        this.request = new FeatureRequest(extractor, output);
        this.is = Objects.requireNonNull(is, "is");
    }

    /** torch-fidelity's IS: {@value #LOGITS}, 10 shuffled splits, seed 2020. */
    public InceptionScoreMetric(FeatureExtractor inception) {
        this(inception, LOGITS, InceptionScore.defaults());
    }

    @Override
    public String name() {
        return "IS";
    }

    @Override
    public Direction direction() {
        return InceptionScore.DIRECTION;
    }

    /** {@code is} with its splits, shuffle and seed (FID Inception's {@value #LOGITS}). */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        if (!request.output().equals(LOGITS)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(MetricSpec.of("is").with("splits", is.splits()).with("shuffle", is.shuffle())
                .with("seed", is.seed()).withExtractor(request.extractor().spec()).without("dims").without("resize")
                .with("resize", request.extractor().spec().resizeMode()));
    }

    @Override
    public List<FeatureRequest> requires() {
        return List.of(request);
    }

    @Override
    public Accumulator start(int samples) {
        int classes = request.extractor().outputs().get(request.output());
        InceptionScore.Streaming s = is.streaming(samples, classes);
        return new StreamingAccumulator(request, s::accept, () -> {
            InceptionScoreResult r = s.finish();
            return List.of(new MetricValue("IS", r.mean(), r.std(),
                    request.extractor().spec().extractor() + "/" + request.output()));
        });
    }
}
