package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.metric.FrechetInfinity;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganeval4j fid-inf REF SAMPLES}: FID∞ (Chong &amp; Forsyth, CVPR 2020). */
@Command(name = "fid-inf", mixinStandardHelpOptions = true,
        description = {"FID∞ (Chong & Forsyth, CVPR 2020): FID_N between REF and the first N rows of SAMPLES for N over"
                + " numpy.linspace(A, B, K).astype(int32), then the least-squares fit FID_N = FID∞ + slope/N. Prints FID∞,"
                + " the slope and R², one per line (--json: also every N and FID_N).",
                "REF: .npz statistics or a .npy feature matrix or images; SAMPLES: a .npy feature matrix whose rows are in"
                + " the order the samples were drawn (quasi-random latents), or images (in the folder's/archive's order)."})
final class FidInfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RangeOption range;

    @Parameters(index = "0", paramLabel = "REF", description = "Reference statistics (.npz), features (.npy) or images.")
    Path ref;

    @Parameters(index = "1", paramLabel = "SAMPLES", description = "Generated features (.npy, rows in sample order) or images.")
    Path samples;

    @Mixin
    InfinityOptions grid;

    @Mixin
    ExtractorOptions extractor;

    @Option(names = "--force", description = "Compare even when the metadata of REF and the extractor conflict.")
    boolean force;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean imagesRef = ImageInputs.isImages(ref);
        boolean imagesSamples = ImageInputs.isImages(samples);
        StatsInput r = imagesRef ? null : StatsInput.load(ref);
        FeatureMatrix x = null;
        String extractorId = null;
        StatsProvenance samplesProvenance = StatsProvenance.unknown();
        if (imagesRef || imagesSamples) {
            try (FeatureExtractor fx = extractor.matching(r == null ? StatsProvenance.unknown() : r.provenance(), err)) {
                extractorId = fx.spec().id();
                samplesProvenance = fx.spec().provenance(null);
                if (imagesRef) {
                    try (ImageSource images = ImageInputs.open(ref, 0, 0, range.get())) {
                        r = StatsInput.ofImages(ref, ImageInputs.stats(images, fx, extractor.batch,
                                ref.toAbsolutePath().normalize().getFileName().toString(), progress, err));
                    }
                }
                if (imagesSamples) {
                    try (ImageSource images = ImageInputs.open(samples, 0, 0, range.get())) {
                        x = ImageInputs.features(images, fx, extractor.batch, Set.of(fx.spec().layer()), progress, err)
                                .get(fx.spec().layer());
                    }
                }
            }
        }
        if (x == null) {
            x = FeatureInputs.load(samples);
        }
        GaussianStats reference = r.isStats() ? r.stats() : r.features().toStats(StatsProvenance.unknown());
        if (reference.dim() != x.cols()) {
            throw new BadInputException("dimension mismatch: " + ref + " has d=" + reference.dim() + ", " + samples
                    + " has d=" + x.cols());
        }
        var conflicts = reference.provenance().conflictsWith(samplesProvenance);
        if (!conflicts.isEmpty() && !force) {
            throw new BadInputException("refusing to compare statistics computed differently (" + String.join("; ", conflicts)
                    + ") in " + ref + " and " + samples + "; use --force to compare anyway");
        }
        InfinityGrid g = grid.grid("FID∞", samples, x.rows(), err);
        String name = Extractors.distanceName(reference.provenance(), samplesProvenance);
        if (!name.equals("FID") && !(reference.provenance().isUnknown() && samplesProvenance.isUnknown())) {
            err.println("ganeval4j: note: " + Extractors.notComparableNote(name));
        }
        InfinityFit fit;
        if (grid.reshuffleSeed == null) {
            fit = FrechetInfinity.compute(reference, x, g);
        } else {
            try (FrechetDistance.Reference rf = FrechetDistance.reference(reference)) {
                fit = FrechetInfinity.reshuffled(rf, x, g, grid.reshuffleSeed);
            }
        }
        var extra = Json.object();
        extra.put("dims", x.cols());
        if (extractorId != null) {
            extra.put("extractor", extractorId);
        }
        grid.print(spec.commandLine().getOut(), name + "-inf", "fid_inf", "fid_n", fit, g, x.rows(), extra);
        return 0;
    }
}
