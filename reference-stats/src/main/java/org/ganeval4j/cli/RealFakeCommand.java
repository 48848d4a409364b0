package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command comparing FAKE against REAL: feature matrices ({@code .npy}, rows = samples) or images
 * (folders, {@code .tar.gz}, IDX, uint8 {@code .npy}, or float {@code .npy} (N, C, H, W) with {@code --range}),
 * whose features the chosen extractor computes.
 */
abstract class RealFakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL", description = "Real images, or their features (.npy, rows = samples).")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE", description = "Generated images, or their features (.npy, rows = samples).")
    Path fake;

    @Mixin
    ExtractorOptions extractor;

    @Mixin
    RangeOption range;

    @Option(names = "--limit", defaultValue = "0", description = "Image inputs: a seeded random subset of N images.")
    int limit;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    /** The extractor's id when image inputs were turned into features, else null. */
    private String extractorId;

    /** A JSON object for the result; names the extractor when images were inputs. */
    final com.fasterxml.jackson.databind.node.ObjectNode jsonObject() {
        com.fasterxml.jackson.databind.node.ObjectNode o = Json.object();
        if (extractorId != null) {
            o.put("extractor", extractorId);
        }
        return o;
    }

    /** Name → value pairs in order, for {@link #emit}. */
    static java.util.Map<String, Object> fields(Object... nameValue) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    /**
     * Prints the {@code values} one per line or, with {@code --json}, one object with them and the
     * {@code details} (and the extractor when images were inputs).
     */
    final void emit(PrintWriter out, java.util.Map<String, Object> values, java.util.Map<String, Object> details) {
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode o = jsonObject();
            values.forEach(o::putPOJO);
            details.forEach(o::putPOJO);
            out.println(Json.write(o));
        } else {
            values.values().forEach(out::println);
        }
    }

    @Override
    public final Integer call() throws Exception {
        FeatureMatrix r;
        FeatureMatrix f;
        if (ImageInputs.isImages(real) || ImageInputs.isImages(fake)) {
            PrintWriter err = spec.commandLine().getErr();
            try (FeatureExtractor fx = extractor.create(err)) {
                extractorId = fx.spec().id();
                r = load(real, fx, err);
                f = load(fake, fx, err);
            }
        } else {
            r = FeatureInputs.load(real);
            f = FeatureInputs.load(fake);
        }
        FeatureInputs.requireSameDim(real, r, fake, f);
        run(r, f, spec.commandLine().getOut());
        return 0;
    }

    private FeatureMatrix load(Path p, FeatureExtractor fx, PrintWriter err) throws java.io.IOException {
        if (!ImageInputs.isImages(p)) {
            return FeatureInputs.load(p);
        }
        try (ImageSource images = ImageInputs.open(p, limit, 0, range.get())) {
            return ImageInputs.features(images, fx, extractor.batch, java.util.Set.of(fx.spec().layer()), progress, err)
                    .get(fx.spec().layer());
        }
    }

    /** Computes and prints. */
    abstract void run(FeatureMatrix realFeatures, FeatureMatrix fakeFeatures, PrintWriter out);
}
