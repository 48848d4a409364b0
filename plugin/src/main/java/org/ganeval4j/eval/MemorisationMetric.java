package org.ganeval4j.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.Memorisation;
import org.ganeval4j.metric.MemorisationResult;
import org.ganeval4j.sink.PairGrid;
import org.ganeval4j.stats.FeatureMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The memorisation check ({@link Memorisation}: each generated sample's nearest training image by
 * cosine distance in feature space, against the real-vs-real nearest-neighbour distances) as a
 * metric: the value {@value #NAME} is the fraction of generated samples closer to a training image
 * than the threshold (lower is better); the history's {@code details} hold the threshold, the
 * fraction of real images below it, the Mann–Whitney Z, both median distances and the closest pairs
 * ({@code sample}, {@code train}, {@code distance}). With {@link Builder#pairsImage} it writes a PNG
 * of the closest generated/training pairs at each evaluation.
 *
 * <p>The training side (features, and the leave-one-out or held-out real distances) is prepared once
 * at {@link Builder#build()}. Generated features are searched block by block as they arrive: at most
 * 2,048 rows are buffered (256 with their images when a PNG is asked for, plus the images of the
 * closest pairs), the search itself stays within {@link Memorisation#memoryBudget()}, and 12 bytes per
 * sample hold the distances and partners.
 */
public final class MemorisationMetric implements GanMetric {
    /** The metric's name. */
    public static final String NAME = "memorisation";
    /** Generated rows buffered before a search when images are kept for the PNG. */
    private static final int IMAGE_BLOCK = 256;
    /** Generated rows buffered before a search otherwise (4 · d bytes each). */
    private static final int FEATURE_BLOCK = 2048;

    private final FeatureRequest request;
    private final Memorisation check;
    private final Memorisation.Reference reference;
    private final Path png;
    private final IntFunction<INDArray> trainingImage;

    private MemorisationMetric(Builder b) {
        this.request = FeatureRequest.of(b.extractor);
        this.check = b.check;
        this.reference = b.check.reference(b.train, b.heldOut);
        this.png = b.png;
        this.trainingImage = b.trainingImage;
    }

    /**
     * A builder for generated samples from {@code extractor}'s main output against the features of
     * the training images (same extractor, one row per training image, index = the training image's).
     */
    public static Builder builder(FeatureExtractor extractor, FeatureMatrix trainFeatures) {
        return new Builder(extractor, trainFeatures);
    }

    /** Validating builder. Not thread safe. */
    public static final class Builder {
        private final FeatureExtractor extractor;
        private final FeatureMatrix train;
        private FeatureMatrix heldOut;
        private Memorisation check = Memorisation.defaults();
        private Path png;
        private IntFunction<INDArray> trainingImage;

        private Builder(FeatureExtractor extractor, FeatureMatrix train) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            this.train = Objects.requireNonNull(train, "trainFeatures");
        }

        /** Features of held-out real images: their distances to the training set are the real reference (default: leave-one-out within train). */
        public Builder heldOut(FeatureMatrix heldOutFeatures) {
            this.heldOut = Objects.requireNonNull(heldOutFeatures, "heldOutFeatures");
            return this;
        }

        /** Threshold, number of pairs and memory budget (default {@link Memorisation#defaults()}). */
        public Builder check(Memorisation memorisation) {
            this.check = Objects.requireNonNull(memorisation, "memorisation");
            return this;
        }

        /**
         * Writes the closest generated/training pairs to {@code file} (PNG, rewritten at each
         * evaluation); {@code trainingImage} returns training image i (NCHW 0..255).
         */
        public Builder pairsImage(Path file, IntFunction<INDArray> trainingImage) {
            this.png = Objects.requireNonNull(file, "file");
            this.trainingImage = Objects.requireNonNull(trainingImage, "trainingImage");
            return this;
        }

        /** Validates and prepares the training side (its real-vs-real distances: N_train² · d work without held-out data). */
        public MemorisationMetric build() {
            int d = extractor.spec().dims();
            if (train.cols() != d) {
                throw new IllegalArgumentException("training features have d=" + train.cols() + " but "
                        + extractor.spec().id() + " gives d=" + d);
            }
            if (heldOut != null && heldOut.cols() != d) {
                throw new IllegalArgumentException("held-out features have d=" + heldOut.cols() + " but "
                        + extractor.spec().id() + " gives d=" + d);
            }
            if (png != null && check.pairs() < 1) {
                throw new IllegalArgumentException("a pairs image needs at least one pair, found pairs=" + check.pairs());
            }
            return new MemorisationMetric(this);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Direction direction() {
        return Memorisation.DIRECTION;
    }

    @Override
    public List<FeatureRequest> requires() {
        return List.of(request);
    }

    /** The threshold in use. */
    public double threshold() {
        return reference.threshold();
    }

    @Override
    public Accumulator start(int samples) {
        return new Search(samples);
    }

    private record Candidate(int sample, double distance, int partner, INDArray image) {
    }

    /** Buffers a block of generated rows (and images), searches it, keeps distances and the closest images. */
    private final class Search implements Accumulator {
        private final int d = reference.dim();
        private final int block;
        private final double[] distances;
        private final int[] nearest;
        private final float[] rows;
        private final List<INDArray> images = new ArrayList<>();
        private final List<Candidate> closest = new ArrayList<>();
        private int buffered;
        private int done;

        Search(int samples) {
            this.distances = new double[samples];
            this.nearest = new int[samples];
            this.block = Math.max(1, Math.min(samples, png != null ? IMAGE_BLOCK : FEATURE_BLOCK));
            this.rows = new float[block * d];
        }

        @Override
        public void accept(FeatureBatch batch) {
            float[] f = FeatureMatrix.of(batch.features(request)).toArray();
            int n = batch.size();
            for (int i = 0; i < n; i++) {
                if (done + buffered >= distances.length) {
                    throw new IllegalStateException("more samples than the " + distances.length + " announced");
                }
                System.arraycopy(f, i * d, rows, buffered * d, d);
                if (png != null) {
                    images.add(batch.images().get(NDArrayIndex.interval(i, i + 1)).dup());
                }
                buffered++;
                if (buffered == block) {
                    flush();
                }
            }
        }

        private void flush() {
            if (buffered == 0) {
                return;
            }
            Memorisation.Nearest r = reference.nearest(FeatureMatrix.of(java.util.Arrays.copyOf(rows, buffered * d),
                    buffered, d));
            for (int i = 0; i < buffered; i++) {
                distances[done + i] = r.distance()[i];
                nearest[done + i] = r.index()[i];
                if (png != null) {
                    closest.add(new Candidate(done + i, r.distance()[i], r.index()[i], images.get(i)));
                }
            }
            if (png != null) {
                closest.sort(Comparator.comparingDouble(Candidate::distance).thenComparingInt(Candidate::sample));
                while (closest.size() > check.pairs()) {
                    closest.remove(closest.size() - 1);
                }
                images.clear();
            }
            done += buffered;
            buffered = 0;
        }

        @Override
        public List<MetricValue> finish() {
            flush();
            double[] dist = java.util.Arrays.copyOf(distances, done);
            int[] part = java.util.Arrays.copyOf(nearest, done);
            MemorisationResult m = reference.summarise(dist, part);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("threshold", m.threshold());
            details.put("real_fraction", m.realFraction());
            details.put("z", m.z());
            details.put("median_distance", m.medianDistance());
            details.put("median_real_distance", m.medianRealDistance());
            details.put("real_reference", m.heldOut() ? "held-out" : "leave-one-out");
            List<Object> pairs = new ArrayList<>();
            for (int s : m.closest()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("sample", s);
                p.put("train", part[s]);
                p.put("distance", dist[s]);
                pairs.add(p);
            }
            details.put("closest", pairs);
            if (png != null && !closest.isEmpty()) {
                List<INDArray> left = new ArrayList<>();
                List<INDArray> right = new ArrayList<>();
                for (Candidate c : closest) {
                    left.add(c.image());
                    right.add(trainingImage.apply(c.partner()));
                }
                try {
                    PairGrid.write(png, left, right);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write the memorisation pairs to " + png, e);
                }
                details.put("pairs_png", png.toString());
            }
            return List.of(new MetricValue(NAME, m.fraction(), Double.NaN, request.extractor().spec().id(), details));
        }
    }
}
