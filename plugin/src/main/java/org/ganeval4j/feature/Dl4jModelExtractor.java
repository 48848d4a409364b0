package org.ganeval4j.feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.image.InputRange;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Any DL4J model as a feature extractor — for domains where ImageNet features mislead (medical
 * images, say): the activations of one layer of a user's {@link MultiLayerNetwork} or
 * {@link ComputationGraph}, global-average-pooled over space when they are spatial ([N, C, H, W] →
 * [N, C]; [N, C, T] → mean over T). Registered under a name that goes into the statistics metadata,
 * so FD values on these features are labelled {@code FD-<name>} and never mistaken for FID.
 *
 * <p>Images (NCHW, 0..255) are scaled to the range the model was trained on, converted to one
 * channel by averaging when the model takes one, and flattened to [N, C·H·W] when it takes vectors.
 * No resizing: the images must have the size the model expects. The model runs in inference mode and
 * is not modified.
 */
public final class Dl4jModelExtractor implements FeatureExtractor {
    private final Model model;
    private final int layerIndex;
    private final String layerName;
    private final InputRange inputRange;
    private final int channels;
    private final boolean flatten;
    private final ExtractorSpec spec;

    private Dl4jModelExtractor(Builder b, int dims) {
        this.model = b.model;
        this.layerIndex = b.layerIndex;
        this.layerName = b.layerName;
        this.inputRange = b.inputRange;
        this.channels = b.channels;
        this.flatten = b.flatten;
        this.spec = new ExtractorSpec(b.name, layerLabel(b), dims, "none", b.weightsSha256);
    }

    private static String layerLabel(Builder b) {
        return b.layerName != null ? b.layerName : "layer_" + b.layerIndex;
    }

    /** A builder for a named extractor over {@code model} (a {@link MultiLayerNetwork} or {@link ComputationGraph}). */
    public static Builder builder(String name, Model model) {
        return new Builder(name, model);
    }

    /** Validating builder. */
    public static final class Builder {
        private final String name;
        private final Model model;
        private int layerIndex = -1;
        private String layerName;
        private InputRange inputRange = InputRange.ZERO_ONE;
        private int channels = 3;
        private boolean flatten;
        private long[] imageShape;
        private String weightsSha256;

        private Builder(String name, Model model) {
            this.name = Objects.requireNonNull(name, "name");
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * The layer whose activations are the features, by 0-based index: of a {@link MultiLayerNetwork}'s
         * layers, or of a {@link ComputationGraph}'s layers in the order {@code getLayers()} gives them.
         */
        public Builder layer(int index) {
            this.layerIndex = index;
            this.layerName = null;
            return this;
        }

        /** The layer whose activations are the features, by name: a layer's name or a graph's vertex name. */
        public Builder layer(String name) {
            this.layerName = Objects.requireNonNull(name, "name");
            this.layerIndex = -1;
            return this;
        }

        /** The pixel range the model was trained on (default [0, 1]). */
        public Builder inputRange(InputRange range) {
            this.inputRange = Objects.requireNonNull(range, "range");
            return this;
        }

        /** Channels the model takes: 1 (RGB averaged) or 3 (default). */
        public Builder channels(int c) {
            this.channels = c;
            return this;
        }

        /** The model takes flat vectors [N, C·H·W] instead of NCHW images. */
        public Builder flattenInput(boolean f) {
            this.flatten = f;
            return this;
        }

        /** The image size the model takes (H, W); used to find the feature dimension with one dry run. */
        public Builder imageSize(int height, int width) {
            this.imageShape = new long[] {height, width};
            return this;
        }

        /** SHA-256 of the model's weights file, recorded in statistics metadata (optional). */
        public Builder weightsSha256(String sha) {
            this.weightsSha256 = sha;
            return this;
        }

        public Dl4jModelExtractor build() {
            Extractors.requireUnreserved(name);
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            }
            if (imageShape == null) {
                throw new IllegalArgumentException("imageSize(height, width) is required to find the feature dimension");
            }
            if (layerIndex < 0 && layerName == null) {
                throw new IllegalArgumentException("choose the feature layer with layer(index) or layer(name)");
            }
            if (model instanceof MultiLayerNetwork mln) {
                if (layerName != null) {
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < mln.getnLayers(); i++) {
                        String n = mln.getLayer(i).conf().getLayer().getLayerName();
                        names.add(n);
                        if (layerName.equals(n)) {
                            layerIndex = i;
                        }
                    }
                    if (layerIndex < 0) {
                        throw new IllegalArgumentException("no layer named '" + layerName + "' (layers: " + names + ")");
                    }
                }
                if (layerIndex < 0 || layerIndex >= mln.getnLayers()) {
                    throw new IllegalArgumentException("layer index must be in [0, " + (mln.getnLayers() - 1)
                            + "], got " + layerIndex);
                }
            } else if (model instanceof ComputationGraph cg) {
                if (layerName == null) {
                    org.deeplearning4j.nn.api.Layer[] layers = cg.getLayers();
                    if (layerIndex >= layers.length) {
                        throw new IllegalArgumentException("layer index must be in [0, " + (layers.length - 1)
                                + "], got " + layerIndex);
                    }
                    layerName = layers[layerIndex].conf().getLayer().getLayerName();
                }
                if (cg.getVertex(layerName) == null) {
                    throw new IllegalArgumentException("choose a vertex of the graph by name, got " + layerName
                            + " (vertices: " + Arrays.stream(cg.getVertices()).map(v -> v.getVertexName()).toList() + ")");
                }
            } else {
                throw new IllegalArgumentException("expected a MultiLayerNetwork or ComputationGraph, got "
                        + model.getClass().getName());
            }
            Dl4jModelExtractor probe = new Dl4jModelExtractor(this, 1);
            INDArray dry = Nd4j.zeros(DataType.FLOAT, 1, 3, imageShape[0], imageShape[1]);
            int dims = (int) probe.features(dry).size(1);
            return new Dl4jModelExtractor(this, dims);
        }
    }

    @Override
    public ExtractorSpec spec() {
        return spec;
    }

    @Override
    public Map<String, INDArray> extract(INDArray images, Set<String> outputs) {
        for (String o : outputs) {
            if (!o.equals(spec.layer())) {
                throw new IllegalArgumentException("unknown output '" + o + "' (this extractor gives " + spec.layer() + ")");
            }
        }
        return Map.of(spec.layer(), features(images));
    }

    private INDArray features(INDArray images) {
        if (images.rank() != 4 || (images.size(1) != 1 && images.size(1) != 3)) {
            throw new IllegalArgumentException("expected images [N, 1 or 3, H, W], got " + Arrays.toString(images.shape()));
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray x = images.castTo(DataType.FLOAT);
            if (channels == 1 && x.size(1) == 3) {
                x = x.mean(true, 1);
            } else if (channels == 3 && x.size(1) == 1) {
                x = Nd4j.concat(1, x, x, x);
            }
            x = inputRange == InputRange.ZERO_255 || inputRange == InputRange.UINT8 ? x.dup()
                    : x.div(255.0 / (inputRange.max() - inputRange.min())).addi(inputRange.min());
            if (flatten) {
                x = x.reshape('c', x.size(0), x.length() / x.size(0));
            }
            INDArray act = model instanceof MultiLayerNetwork mln
                    ? mln.feedForwardToLayer(layerIndex, x, false).get(layerIndex + 1)
                    : ((ComputationGraph) model).feedForward(new INDArray[] {x}, false, false).get(layerName);
            INDArray f = switch (act.rank()) {
                case 2 -> act;
                case 3 -> act.mean(2);
                case 4 -> act.mean(2, 3);
                default -> throw new IllegalStateException("layer " + spec.layer() + " gives activations of shape "
                        + Arrays.toString(act.shape()));
            };
            return f.castTo(DataType.FLOAT).dup('c');
        }
    }
}
