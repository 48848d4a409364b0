package org.ganeval4j.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LPIPS distances of a batch of image pairs, with their per-layer terms and, on request, the
 * per-layer spatial maps.
 *
 * @param layerNames  the taps, e.g. {@code relu1}..{@code relu5}
 * @param distances   one distance per pair (the sum of the pair's layer terms)
 * @param layerTerms  {@code [pair][layer]}: the head output averaged over the tap's H×W
 * @param spatialMaps one float32 {@code [N, 1, H_l, W_l]} array per layer — the linear head applied to
 *                    the squared difference of the normalised features (lpips {@code lin_l(diff_l)}),
 *                    whose spatial mean is the layer term — or an empty list when not requested
 */
public record LpipsResult(List<String> layerNames, double[] distances, double[][] layerTerms,
                          List<INDArray> spatialMaps) {
    public LpipsResult {
        layerNames = List.copyOf(layerNames);
        distances = distances.clone();
        double[][] copy = new double[layerTerms.length][];
        for (int i = 0; i < layerTerms.length; i++) {
            copy[i] = layerTerms[i].clone();
        }
        layerTerms = copy;
        List<INDArray> maps = new ArrayList<>();
        for (INDArray m : Objects.requireNonNull(spatialMaps, "spatialMaps")) {
            maps.add(m.dup());
        }
        spatialMaps = List.copyOf(maps);
        if (layerTerms.length != distances.length) {
            throw new IllegalArgumentException(distances.length + " distances but " + layerTerms.length + " rows of terms");
        }
    }

    /** Number of pairs. */
    public int size() {
        return distances.length;
    }

    /** The distance of pair {@code k}. */
    public double distance(int k) {
        return distances[k];
    }

    /** The layer terms of pair {@code k} (a copy). */
    public double[] layers(int k) {
        return layerTerms[k].clone();
    }

    @Override
    public double[] distances() {
        return distances.clone();
    }

    @Override
    public double[][] layerTerms() {
        double[][] copy = new double[layerTerms.length][];
        for (int i = 0; i < layerTerms.length; i++) {
            copy[i] = layerTerms[i].clone();
        }
        return copy;
    }

    @Override
    public List<INDArray> spatialMaps() {
        List<INDArray> maps = new ArrayList<>();
        for (INDArray m : spatialMaps) {
            maps.add(m.dup());
        }
        return maps;
    }
}
