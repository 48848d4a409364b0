package org.ganeval4j.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a set of statistics came from: the feature extractor and layer, the weights, the
 * preprocessing (resize mode) and the data. Written into every statistics file ganeval4j produces
 * so that two files computed differently are never compared by accident. Any component may be
 * {@code null} (unknown), e.g. for a pytorch-fid {@code .npz} that carries only {@code mu} and
 * {@code sigma}.
 *
 * @param extractor      feature extractor id, e.g. {@code fid-inception}, {@code squeezenet}
 * @param layer          the extractor's output used, e.g. {@code pool_2048}
 * @param dims           feature dimension, 0 when unknown
 * @param weightsSha256  SHA-256 of the weights file, lower-case hex
 * @param resizeMode     preprocessing mode id, e.g. {@code pytorch}, {@code tf1}, {@code clean}
 * @param datasetId      free-form name of the data, e.g. {@code cifar10-test}
 * @param libraryVersion the ganeval4j version that wrote the statistics
 */
public record StatsProvenance(String extractor, String layer, int dims, String weightsSha256, String resizeMode,
                              String datasetId, String libraryVersion) {

    /** Nothing known. */
    public static StatsProvenance unknown() {
        return new StatsProvenance(null, null, 0, null, null, null, null);
    }

    public StatsProvenance {
        if (dims < 0) {
            throw new IllegalArgumentException("dims must be >= 0 (0 = unknown), got " + dims);
        }
    }

    /** A copy with another dataset id. */
    public StatsProvenance withDatasetId(String id) {
        return new StatsProvenance(extractor, layer, dims, weightsSha256, resizeMode, id, libraryVersion);
    }

    /** True when nothing is known. */
    public boolean isUnknown() {
        return extractor == null && layer == null && weightsSha256 == null && resizeMode == null;
    }

    /**
     * The differences that make statistics incomparable: extractor, layer, dims, resize mode and
     * weights, each compared only when both sides know it.
     *
     * @return human-readable conflicts such as {@code extractor: fid-inception vs squeezenet}; empty when compatible
     */
    public List<String> conflictsWith(StatsProvenance other) {
        List<String> out = new ArrayList<>();
        conflict(out, "extractor", extractor, other.extractor);
        conflict(out, "layer", layer, other.layer);
        if (dims != 0 && other.dims != 0 && dims != other.dims) {
            out.add("dims: " + dims + " vs " + other.dims);
        }
        conflict(out, "resize mode", resizeMode, other.resizeMode);
        conflict(out, "weights sha256", weightsSha256, other.weightsSha256);
        return out;
    }

    private static void conflict(List<String> out, String what, String a, String b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            out.add(what + ": " + a + " vs " + b);
        }
    }

    /** One line for logs and CLI output. */
    public String describe() {
        if (isUnknown()) {
            return "unknown provenance";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(extractor == null ? "?" : extractor);
        if (layer != null) {
            sb.append('/').append(layer);
        }
        if (resizeMode != null) {
            sb.append(", resize ").append(resizeMode);
        }
        if (datasetId != null) {
            sb.append(", dataset ").append(datasetId);
        }
        return sb.toString();
    }
}
