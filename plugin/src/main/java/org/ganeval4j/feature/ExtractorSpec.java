package org.ganeval4j.feature;

import java.util.Objects;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.stats.StatsProvenance;

/**
 * The identity of a feature extractor's output: everything that must match for two sets of
 * statistics to be comparable. Written into every statistics file as its provenance.
 *
 * @param extractor     stable id, e.g. {@code fid-inception}, {@code squeezenet}, {@code alexnet}, or a user model's
 *                      registered name
 * @param layer         the output used, e.g. {@code pool_2048}, {@code logits_unbiased}
 * @param dims          feature dimension (≥ 1)
 * @param resizeMode    preprocessing mode id, e.g. {@code pytorch}, {@code tf1}, {@code clean}, {@code antialias}
 * @param weightsSha256 SHA-256 of the weights file (lower-case hex), or null when not from a file
 */
public record ExtractorSpec(String extractor, String layer, int dims, String resizeMode, String weightsSha256)
        implements java.io.Serializable {
    public ExtractorSpec {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(resizeMode, "resizeMode");
        if (extractor.isBlank() || layer.isBlank()) {
            throw new IllegalArgumentException("extractor and layer must not be blank, got '" + extractor + "', '"
                    + layer + "'");
        }
        if (dims < 1) {
            throw new IllegalArgumentException("dims must be >= 1, got " + dims);
        }
    }

    /** The same extractor with another output layer of the given dimension. */
    public ExtractorSpec withLayer(String otherLayer, int otherDims) {
        return new ExtractorSpec(extractor, otherLayer, otherDims, resizeMode, weightsSha256);
    }

    /** Provenance for statistics of these features over the named data. */
    public StatsProvenance provenance(String datasetId) {
        return new StatsProvenance(extractor, layer, dims, weightsSha256, resizeMode, datasetId, GanEval4j.version());
    }

    /** A short id such as {@code fid-inception/pool_2048@pytorch}. */
    public String id() {
        return extractor + "/" + layer + "@" + resizeMode;
    }
}
