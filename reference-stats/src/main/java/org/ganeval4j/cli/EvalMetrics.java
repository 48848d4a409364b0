package org.ganeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.AssetUnavailableException;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanMetric;
import org.ganeval4j.eval.InceptionScoreMetric;
import org.ganeval4j.eval.KidMetric;
import org.ganeval4j.eval.LpipsDiversity;
import org.ganeval4j.eval.MetricSpec;
import org.ganeval4j.eval.NeighbourhoodMetric;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsNet;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.DensityCoverage;
import org.ganeval4j.metric.KernelInceptionDistance;
import org.ganeval4j.metric.PrecisionRecall;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.stats.StatsProvenance;

/**
 * The metrics of {@code ganeval4j eval} built from their {@link MetricSpec}s — the ones a saved
 * generator records, or {@code --metrics} — with the same {@code eval} metric classes the listener
 * uses, their reference data loaded from files (statistics, features or images, the latter through the
 * metric's extractor), and each distinct extractor built once. Closes what it built.
 */
final class EvalMetrics implements AutoCloseable {
    /** The metric kinds and the options each takes. */
    static final Map<String, List<String>> KINDS = Map.of(
            "fid", List.of("extractor", "dims", "resize", "reference"),
            "kid", List.of("extractor", "dims", "resize", "reference", "subsets", "subset-size", "seed", "degree",
                    "coef0", "gamma", "reservoir"),
            "pr", List.of("extractor", "dims", "resize", "reference", "k", "reservoir"),
            "prdc", List.of("extractor", "dims", "resize", "reference", "k", "reservoir"),
            "is", List.of("splits", "shuffle", "seed", "resize", "extractor"),
            "lpips-diversity", List.of("net", "version", "pairs", "seed", "name"),
            "fid-inf", List.of("extractor", "dims", "resize", "reference", "n-min", "n-max", "points", "reshuffle"),
            "is-inf", List.of("n-min", "n-max", "points", "reshuffle", "resize", "extractor"));

    private final Path baseDir;
    private final Path referenceOverride;
    private final Path weights;
    private final int batch;
    private final PrintWriter err;
    private final Map<String, FeatureExtractor> extractors = new LinkedHashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    /**
     * @param baseDir           where recorded {@code reference=FILE} options are resolved (the generator's folder)
     * @param referenceOverride {@code --reference}, used by every metric that needs real data, or null
     * @param weights           FID Inception weights ({@code --weights}), or null to resolve them
     * @param batch             images per extractor pass
     */
    EvalMetrics(Path baseDir, Path referenceOverride, Path weights, int batch, PrintWriter err) {
        this.baseDir = baseDir;
        this.referenceOverride = referenceOverride;
        this.weights = weights;
        this.batch = batch;
        this.err = err;
    }

    /** The metric for {@code spec}. */
    GanMetric create(MetricSpec spec) throws IOException {
        List<String> allowed = KINDS.get(spec.kind());
        if (allowed == null) {
            throw new BadInputException("unknown metric '" + spec.kind() + "' (expected one of "
                    + KINDS.keySet().stream().sorted().toList() + ")");
        }
        for (String k : spec.options().keySet()) {
            if (!allowed.contains(k)) {
                throw new BadInputException("metric " + spec.kind() + " has no option '" + k + "' (options: " + allowed + ")");
            }
        }
        try {
            return switch (spec.kind()) {
                case "fid" -> fid(spec);
                case "fid-inf" -> fidInfinity(spec);
                case "is-inf" -> isInfinity(spec);
                case "kid" -> kid(spec);
                case "pr", "prdc" -> neighbourhood(spec);
                case "is" -> new InceptionScoreMetric(extractor(spec.with("extractor", FidInceptionV3.ID).without("dims")),
                        InceptionScoreMetric.LOGITS, org.ganeval4j.metric.InceptionScore.builder()
                                .splits((int) spec.longOption("splits", 10))
                                .shuffle(Boolean.parseBoolean(spec.option("shuffle", "true")))
                                .seed(spec.longOption("seed", 2020)).build());
                default -> lpipsDiversity(spec);
            };
        } catch (AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private GanMetric fid(MetricSpec spec) throws IOException {
        Path ref = reference(spec, "fid");
        if (!spec.options().containsKey("extractor") && !ImageInputs.isImages(ref)) {
            if (FeatureInputs.isFeaturesNpz(ref)) {
                spec = spec.with("extractor", FeatureInputs.extractorOf(ref));
            } else if (ref.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
                StatsProvenance p = StatsFile.readProvenance(ref);
                if (p.extractor() != null && Extractors.IDS.contains(p.extractor())) {
                    FeatureExtractor fx = cached(key(p.extractor(), p.dims(), p.resizeMode()),
                            () -> Extractors.forProvenance(p, weights, batch));
                    return fidMetric(ref, fx);
                }
            }
        }
        return fidMetric(ref, extractor(spec));
    }

    /** FID∞: the reference and extractor resolved as for {@code fid}, the grid from the options. */
    private GanMetric fidInfinity(MetricSpec spec) throws IOException {
        GanMetric plain = fid(spec.without("n-min").without("n-max").without("points").without("reshuffle"));
        org.ganeval4j.stats.GaussianStats stats = plain.reference().orElseThrow().stats();
        FeatureExtractor fx = plain.requires().get(0).extractor();
        try {
            org.ganeval4j.eval.FidInfinity.Builder b = org.ganeval4j.eval.FidInfinity.builder(stats, fx).grid(grid(spec));
            if (spec.options().containsKey("reshuffle")) {
                b.reshuffled(spec.longOption("reshuffle", 0));
            }
            org.ganeval4j.eval.FidInfinity m = b.build();
            owned.add(m);
            return m;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("fid-inf: " + e.getMessage());
        }
    }

    /** IS∞ on FID Inception's logits_unbiased. */
    private GanMetric isInfinity(MetricSpec spec) throws IOException {
        org.ganeval4j.eval.IsInfinity.Builder b = org.ganeval4j.eval.IsInfinity.builder(
                extractor(spec.with("extractor", FidInceptionV3.ID).without("dims").without("n-min").without("n-max")
                        .without("points").without("reshuffle"))).grid(grid(spec));
        if (spec.options().containsKey("reshuffle")) {
            b.reshuffled(spec.longOption("reshuffle", 0));
        }
        return b.build();
    }

    /** The N grid of fid-inf / is-inf (default 5,000 … 50,000, 15 points). */
    private static org.ganeval4j.metric.InfinityGrid grid(MetricSpec spec) {
        org.ganeval4j.metric.InfinityGrid d = org.ganeval4j.metric.InfinityGrid.REFERENCE;
        try {
            return new org.ganeval4j.metric.InfinityGrid((int) spec.longOption("n-min", d.nMin()),
                    (int) spec.longOption("n-max", d.nMax()), (int) spec.longOption("points", d.points()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(spec.kind() + ": " + e.getMessage());
        }
    }

    private FrechetMetric fidMetric(Path ref, FeatureExtractor fx) throws IOException {
        GaussianStats stats;
        if (ImageInputs.isImages(ref)) {
            try (ImageSource images = ImageInputs.open(ref, 0, 0)) {
                stats = ImageInputs.stats(images, fx, batch, ref.toAbsolutePath().normalize().getFileName().toString(),
                        false, err);
            }
        } else if (ref.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy") || FeatureInputs.isFeaturesNpz(ref)) {
            stats = FeatureInputs.load(ref).toStats(fx.spec().provenance(ref.getFileName().toString()));
        } else {
            stats = StatsFile.read(ref);
        }
        FrechetMetric m;
        try {
            m = new FrechetMetric(stats, fx);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ref + ": " + e.getMessage());
        }
        owned.add(m);
        return m;
    }

    private GanMetric kid(MetricSpec spec) throws IOException {
        FeatureExtractor fx = extractor(spec);
        FeatureMatrix real = realFeatures(reference(spec, "kid"), fx);
        KernelInceptionDistance.Builder b = KernelInceptionDistance.builder()
                .subsets((int) spec.longOption("subsets", KernelInceptionDistance.DEFAULT_SUBSETS))
                .subsetSize((int) spec.longOption("subset-size", KernelInceptionDistance.DEFAULT_SUBSET_SIZE))
                .seed(spec.longOption("seed", KernelInceptionDistance.DEFAULT_SEED))
                .degree((int) spec.longOption("degree", KernelInceptionDistance.DEFAULT_DEGREE))
                .coef0(number(spec, "coef0", KernelInceptionDistance.DEFAULT_COEF0));
        if (spec.options().containsKey("gamma")) {
            b.gamma(number(spec, "gamma", 0));
        }
        return new KidMetric(real, fx, b.build(), (int) spec.longOption("reservoir", 10_000));
    }

    private GanMetric neighbourhood(MetricSpec spec) throws IOException {
        FeatureExtractor fx = extractor(spec);
        FeatureMatrix real = realFeatures(reference(spec, spec.kind()), fx);
        int reservoir = (int) spec.longOption("reservoir", 10_000);
        if (spec.kind().equals("pr")) {
            return NeighbourhoodMetric.precisionRecall(real, fx, PrecisionRecall.builder()
                    .k((int) spec.longOption("k", PrecisionRecall.DEFAULT_K)).build(), reservoir);
        }
        return NeighbourhoodMetric.densityCoverage(real, fx, DensityCoverage.builder()
                .k((int) spec.longOption("k", DensityCoverage.DEFAULT_K)).build(), reservoir);
    }

    private GanMetric lpipsDiversity(MetricSpec spec) throws IOException {
        Lpips lpips = Lpips.builder(LpipsNet.of(spec.option("net", "alex"))).version(spec.option("version", "0.1"))
                .build();
        owned.add(lpips);
        LpipsDiversity.Builder b = LpipsDiversity.builder(lpips)
                .pairs(DiversityCommand.parsePairs(spec.option("pairs", "all"), spec.longOption("seed", 0)));
        if (spec.options().containsKey("name")) {
            b.name(spec.option("name", LpipsDiversity.NAME));
        }
        return b.build();
    }

    /** Real feature rows for KID / PR / DC from features or images. */
    private FeatureMatrix realFeatures(Path ref, FeatureExtractor fx) throws IOException {
        if (ImageInputs.isImages(ref)) {
            try (ImageSource images = ImageInputs.open(ref, 0, 0)) {
                return ImageInputs.features(images, fx, batch, Set.of(fx.spec().layer()), false, err)
                        .get(fx.spec().layer());
            }
        }
        FeatureMatrix f = FeatureInputs.load(ref);
        if (f.cols() != fx.spec().dims()) {
            throw new BadInputException(ref + ": features have d=" + f.cols() + " but " + fx.spec().id() + " gives d="
                    + fx.spec().dims());
        }
        return f;
    }

    /** The reference file of a metric: {@code --reference}, else its recorded {@code reference} option. */
    private Path reference(MetricSpec spec, String kind) throws IOException {
        Path p = referenceOverride;
        if (p == null && spec.options().containsKey("reference")) {
            p = baseDir.resolve(spec.option("reference", ""));
        }
        if (p == null) {
            throw new BadInputException(kind + " needs real data: give --reference (statistics .npz, features .npy/.npz"
                    + " or images)");
        }
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return p;
    }

    /** The extractor a spec names ({@code extractor}, {@code dims}, {@code resize}), or the preferred one. */
    private FeatureExtractor extractor(MetricSpec spec) throws IOException {
        String id = spec.option("extractor", null);
        Integer dims = spec.options().containsKey("dims") ? (int) spec.longOption("dims", 2048) : null;
        String resize = spec.option("resize", null);
        if (id == null) {
            return cached("preferred", () -> {
                Extractors.Preferred p = Extractors.preferred(AssetResolver.fromEnvironment());
                if (p.fallback() != null) {
                    err.println("ganeval4j: note: " + p.fallback());
                }
                return p.extractor();
            });
        }
        if (!Extractors.IDS.contains(id)) {
            throw new BadInputException("extractor '" + id + "' is not one the command line builds (" + Extractors.IDS
                    + "): evaluate with the extractor through the API");
        }
        boolean inception = id.equals(FidInceptionV3.ID);
        Integer d = inception && dims != null && dims != 2048 ? dims : null;
        ResizeMode mode = inception && resize != null ? ResizeMode.fromId(resize) : null;
        return cached(key(id, d == null ? 0 : d, mode == null ? null : mode.id()), () -> Extractors.create(
                new Extractors.Choice(id, inception ? weights : null, mode, d, batch)));
    }

    /** One key per distinct extractor: FID Inception by layer and resize mode, the others by id. */
    private static String key(String id, int dims, String resize) {
        if (!id.equals(FidInceptionV3.ID)) {
            return id;
        }
        return id + "/" + (dims <= 0 ? 2048 : dims) + "/" + (resize == null ? ResizeMode.PYTORCH.id() : resize);
    }

    private interface Maker {
        FeatureExtractor make() throws IOException;
    }

    private FeatureExtractor cached(String key, Maker maker) throws IOException {
        FeatureExtractor fx = extractors.get(key);
        if (fx == null) {
            fx = maker.make();
            extractors.put(key, fx);
            owned.add(fx);
        }
        return fx;
    }

    private static double number(MetricSpec spec, String key, double fallback) {
        String v = spec.option(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("option " + key + " of " + spec.kind() + " must be a number, got '" + v + "'");
        }
    }

    /** The extractor ids in use (for output). */
    List<String> extractorIds() {
        return extractors.values().stream().map(fx -> fx.spec().id()).toList();
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                err.println("ganeval4j: note: could not release " + owned.get(i) + ": " + e.getMessage());
            }
        }
    }
}
