package org.ganeval4j.eval;

import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;

/**
 * One output of one feature extractor, as a metric asks for it.
 *
 * @param extractor the extractor (compared by identity)
 * @param output    the output's name, one of {@link FeatureExtractor#outputs()}
 */
public record FeatureRequest(FeatureExtractor extractor, String output) {
    public FeatureRequest {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(output, "output");
        if (!extractor.outputs().containsKey(output)) {
            throw new IllegalArgumentException("extractor " + extractor.spec().extractor() + " has no output '" + output
                    + "' (outputs: " + extractor.outputs().keySet() + ")");
        }
    }

    /** The extractor's main output. */
    public static FeatureRequest of(FeatureExtractor extractor) {
        return new FeatureRequest(extractor, extractor.spec().layer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureRequest r && r.extractor == extractor && r.output.equals(output);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(extractor) * 31 + output.hashCode();
    }
}
