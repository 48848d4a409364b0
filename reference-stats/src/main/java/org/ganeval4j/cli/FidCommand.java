package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.stats.StatsProvenance;
import org.ganeval4j.metric.FrechetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ganeval4j fid A B}: the Fréchet distance between two statistics files or feature matrices. */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = {"Fréchet distance between A and B: .npz statistics (pytorch-fid layout), .npy feature"
                + " matrices (rows = samples) or images (a folder, .tar.gz, IDX, uint8 .npy or float .npy (N, C, H, W) with --range; their statistics are"
                + " computed with the extractor the other side was made with, else the default). Prints the distance.",
                "Statistics whose metadata conflict (extractor, layer, resize mode) are refused unless --force."})
final class FidCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "Statistics (.npz) or features (.npy).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Statistics (.npz) or features (.npy).")
    Path b;

    @Option(names = "--json", description = "Print a JSON object with the distance, its terms and both inputs.")
    boolean json;

    @Option(names = "--force", description = "Compare even when the metadata of A and B conflict.")
    boolean force;

    @Mixin
    ExtractorOptions extractor;

    @Mixin
    RangeOption range;

    @Option(names = "--limit", defaultValue = "0", description = "Image inputs: a seeded random subset of N images.")
    int limit;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        boolean imagesA = ImageInputs.isImages(a);
        boolean imagesB = ImageInputs.isImages(b);
        // the declared dimensions are compared before either file's data is read
        long da = imagesA ? -1 : StatsInput.declaredDim(a);
        long db = imagesB ? -1 : StatsInput.declaredDim(b);
        // while the files are opened, LAPACK loads in the background; Σ is read later, straight into native memory
        Background.start(FrechetDistance::loadNativeLibrary);
        StatsInput ia = imagesA ? null : StatsInput.open(a, db);
        StatsInput ib = imagesB ? null : StatsInput.open(b, da);
        if (imagesA || imagesB) {
            StatsInput known = ia != null ? ia : ib;
            var err = spec.commandLine().getErr();
            try (FeatureExtractor fx = extractor.matching(known == null ? StatsProvenance.unknown() : known.provenance(), err)) {
                if (imagesA) {
                    ia = fromImages(a, fx, err);
                }
                if (imagesB) {
                    ib = fromImages(b, fx, err);
                }
            }
        }
        if (ia.dim() != ib.dim()) {
            throw new BadInputException("dimension mismatch: " + a + " has d=" + ia.dim() + ", " + b + " has d="
                    + ib.dim());
        }
        List<String> conflicts = ia.provenance().conflictsWith(ib.provenance());
        if (!conflicts.isEmpty() && !force) {
            throw new BadInputException("refusing to compare statistics computed differently (" + String.join("; ", conflicts)
                    + ") in " + a + " and " + b + "; use --force to compare anyway");
        }
        FrechetResult r;
        try {
            r = compute(ia, ib);
        } catch (ArithmeticException e) {
            throw new BadInputException(a + " vs " + b + ": " + e.getMessage());
        }
        String name = Extractors.distanceName(ia.provenance(), ib.provenance());
        var out = spec.commandLine().getOut();
        if (!name.equals("FID") && !ia.provenance().isUnknown()) {
            spec.commandLine().getErr().println("ganeval4j: note: " + Extractors.notComparableNote(name));
        }
        if (json) {
            ObjectNode o = Json.object();
            o.put("metric", name);
            o.put("fid", r.value());
            o.put("mean_term", r.meanTerm());
            o.put("trace_a", r.traceA());
            o.put("trace_b", r.traceB());
            o.put("trace_sqrt_product", r.traceSqrtProduct());
            o.put("route", r.route().name().toLowerCase(java.util.Locale.ROOT));
            o.put("clipped_eigenvalues", r.clippedEigenvalues());
            o.put("dims", r.dim());
            o.set("a", describe(ia));
            o.set("b", describe(ib));
            if (!conflicts.isEmpty()) {
                o.putPOJO("forced_conflicts", conflicts);
            }
            out.println(Json.write(o));
        } else {
            out.println(r.value());
        }
        return 0;
    }

    private StatsInput fromImages(Path path, FeatureExtractor fx, java.io.PrintWriter err) throws java.io.IOException {
        try (ImageSource images = ImageInputs.open(path, limit, 0, range.get())) {
            return StatsInput.ofImages(path, ImageInputs.stats(images, fx, extractor.batch,
                    path.toAbsolutePath().normalize().getFileName().toString(), progress, err));
        }
    }

    static FrechetResult compute(StatsInput a, StatsInput b) throws java.io.IOException {
        if (a.stored() != null && b.stored() != null) {
            return FrechetDistance.compute(a.stored(), b.stored());
        }
        if (a.isStats() && b.isStats()) {
            return FrechetDistance.compute(a.heapStats(), b.heapStats());
        }
        if (a.isStats()) {
            return FrechetDistance.compute(a.heapStats(), b.features());
        }
        if (b.isStats()) {
            return FrechetDistance.compute(b.heapStats(), a.features()).swapped();
        }
        return FrechetDistance.compute(a.features(), b.features());
    }

    private static ObjectNode describe(StatsInput in) {
        ObjectNode o = Json.object();
        o.put("path", in.path().toString());
        o.put("kind", in.kind());
        o.put("count", in.count());
        o.put("dims", in.dim());
        o.set("provenance", Json.provenance(in.provenance()));
        return o;
    }
}
