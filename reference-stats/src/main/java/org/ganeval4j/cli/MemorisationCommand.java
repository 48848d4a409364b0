package org.ganeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.Memorisation;
import org.ganeval4j.metric.MemorisationResult;
import org.ganeval4j.sink.PairGrid;
import org.ganeval4j.stats.FeatureMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganeval4j memorisation TRAIN FAKE}: is the generator copying its training images? */
@Command(name = "memorisation", mixinStandardHelpOptions = true,
        description = {"Memorisation check (after Meehan et al., AISTATS 2020): each generated image's nearest training"
                + " image by cosine distance in feature space, against the real-vs-real nearest-neighbour distances"
                + " (--held-out images to the training set, else leave-one-out within it). Prints the fraction of"
                + " generated images closer than the threshold, the threshold and the Mann-Whitney Z (negative: closer"
                + " to the training set than real data), one per line.",
                "TRAIN, FAKE, --held-out: images (a folder, .tar.gz, IDX or uint8 .npy) or .npy feature matrices."})
final class MemorisationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RangeOption range;

    @Parameters(index = "0", paramLabel = "TRAIN", description = "Training images, or their features (.npy).")
    Path train;

    @Parameters(index = "1", paramLabel = "FAKE", description = "Generated images, or their features (.npy).")
    Path fake;

    @Option(names = "--held-out", paramLabel = "INPUT", description = "Real images not used in training (or features).")
    Path heldOut;

    @Option(names = "--threshold", paramLabel = "D", description = "Absolute cosine-distance threshold.")
    Double threshold;

    @Option(names = "--quantile", paramLabel = "Q", defaultValue = "0.01",
            description = "Threshold as this quantile of the real-vs-real distances (default ${DEFAULT-VALUE}).")
    double quantile;

    @Option(names = "--pairs", defaultValue = "16", paramLabel = "K", description = "Closest pairs reported (default ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--pairs-png", paramLabel = "FILE", description = "Write the closest generated/training pairs as a PNG (images only).")
    Path pairsPng;

    @Mixin
    ExtractorOptions extractor;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--json", description = "Print a JSON object with the summary, the closest pairs and every flagged sample.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Memorisation.Builder b = Memorisation.builder().thresholdQuantile(quantile).pairs(pairs);
        if (threshold != null) {
            b.threshold(threshold);
        }
        Memorisation check = b.build();
        boolean anyImages = ImageInputs.isImages(train) || ImageInputs.isImages(fake)
                || (heldOut != null && ImageInputs.isImages(heldOut));
        if (pairsPng != null && !(ImageInputs.isImages(train) && ImageInputs.isImages(fake))) {
            throw new BadInputException("--pairs-png needs TRAIN and FAKE as images, found " + train + " and " + fake);
        }
        FeatureMatrix t;
        FeatureMatrix f;
        FeatureMatrix h = null;
        String extractorId = null;
        if (anyImages) {
            try (FeatureExtractor fx = extractor.create(err)) {
                extractorId = fx.spec().id();
                t = load(train, fx, err);
                f = load(fake, fx, err);
                h = heldOut == null ? null : load(heldOut, fx, err);
            }
        } else {
            t = FeatureInputs.load(train);
            f = FeatureInputs.load(fake);
            h = heldOut == null ? null : FeatureInputs.load(heldOut);
        }
        FeatureInputs.requireSameDim(train, t, fake, f);
        if (h != null) {
            FeatureInputs.requireSameDim(train, t, heldOut, h);
        }
        MemorisationResult r = check.compute(t, h, f);
        if (pairsPng != null && r.closest().length > 0) {
            int[] closest = r.closest();
            int[] partners = new int[closest.length];
            for (int i = 0; i < closest.length; i++) {
                partners[i] = r.nearest()[closest[i]];
            }
            Map<Integer, INDArray> fakeImages = pick(fake, closest);
            Map<Integer, INDArray> trainImages = pick(train, partners);
            List<INDArray> left = new ArrayList<>();
            List<INDArray> right = new ArrayList<>();
            for (int i = 0; i < closest.length; i++) {
                left.add(fakeImages.get(closest[i]));
                right.add(trainImages.get(partners[i]));
            }
            PairGrid.write(pairsPng, left, right);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println(r.fraction());
            out.println(r.threshold());
            out.println(r.z());
            return 0;
        }
        var o = Json.object();
        o.put("metric", "memorisation");
        if (extractorId != null) {
            o.put("extractor", extractorId);
        }
        o.put("fraction", r.fraction());
        o.put("threshold", r.threshold());
        o.put("real_fraction", r.realFraction());
        o.put("z", r.z());
        o.put("median_distance", r.medianDistance());
        o.put("median_real_distance", r.medianRealDistance());
        o.put("real_reference", r.heldOut() ? "held-out" : "leave-one-out");
        o.put("train", t.rows());
        o.put("fake", f.rows());
        var closest = o.putArray("closest");
        for (int s : r.closest()) {
            closest.addObject().put("sample", s).put("train", r.nearest()[s]).put("distance", r.distances()[s]);
        }
        var flagged = o.putArray("flagged");
        for (int s : r.flagged()) {
            flagged.addObject().put("sample", s).put("train", r.nearest()[s]).put("distance", r.distances()[s]);
        }
        if (pairsPng != null) {
            o.put("pairs_png", pairsPng.toString());
        }
        out.println(Json.write(o));
        return 0;
    }

    private FeatureMatrix load(Path p, FeatureExtractor fx, PrintWriter err) throws IOException {
        if (!ImageInputs.isImages(p)) {
            return FeatureInputs.load(p);
        }
        try (ImageSource images = ImageInputs.open(p, 0, 0, range.get())) {
            return ImageInputs.features(images, fx, extractor.batch, Set.of(fx.spec().layer()), progress, err)
                    .get(fx.spec().layer());
        }
    }

    /** The images at the given positions of {@code p} (in the source's order, as the features). */
    private Map<Integer, INDArray> pick(Path p, int[] indices) throws IOException {
        Set<Integer> wanted = new java.util.HashSet<>();
        for (int i : indices) {
            wanted.add(i);
        }
        Map<Integer, INDArray> out = new HashMap<>();
        try (ImageSource s = ImageInputs.open(p, 0, 0, range.get())) {
            int at = 0;
            for (INDArray batch = s.next(256); batch != null && out.size() < wanted.size(); batch = s.next(256)) {
                for (int i = 0; i < batch.size(0); i++, at++) {
                    if (wanted.contains(at)) {
                        out.put(at, batch.get(NDArrayIndex.interval(i, i + 1)).dup());
                    }
                }
            }
        }
        return out;
    }
}
