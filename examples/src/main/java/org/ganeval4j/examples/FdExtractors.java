package org.ganeval4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.gan.MnistCnn;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.feature.Extractors;

/** The Fréchet-distance feature extractors the examples offer. */
final class FdExtractors {
    /** The ids accepted by {@link #create}. */
    static final String IDS = "squeezenet, alexnet, mnist-cnn";

    private FdExtractors() {
    }

    /**
     * {@code squeezenet} / {@code alexnet}: ImageNet-trained trunks (FD-SqueezeNet / FD-AlexNet, weights
     * in the asset directory); {@code mnist-cnn}: a small fixed CNN with random weights for 28×28 gray
     * images — fast, fine for ranking runs against each other, meaningless elsewhere.
     */
    static FeatureExtractor create(String id, PrintStream log) throws IOException {
        FeatureExtractor e = switch (id) {
            case "squeezenet", "alexnet" -> Extractors.create(Extractors.Choice.of(id));
            case "mnist-cnn" -> mnistCnn();
            default -> throw new IllegalArgumentException("unknown extractor '" + id + "' (expected " + IDS + ")");
        };
        log.println("features: " + e.spec().id());
        return e;
    }

    /** The small fixed CNN with random weights of the tests and examples ({@link MnistCnn}). */
    static Dl4jModelExtractor mnistCnn() {
        return MnistCnn.extractor();
    }
}
