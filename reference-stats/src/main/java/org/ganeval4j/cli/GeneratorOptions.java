package org.ganeval4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;
import picocli.CommandLine.Option;

/**
 * How to sample a saved generator (a picocli mixin of {@code eval} and {@code sample}): each option
 * overrides what the file's record says ({@link GeneratorRecord}); a file without a record (e.g. a
 * DL4J checkpoint of a combined GAN network) needs {@code --latent} and {@code --format}/{@code --range}.
 */
final class GeneratorOptions {
    @Option(names = "--layer", paramLabel = "NAME|INDEX",
            description = "The generator's last layer (index) or output vertex (name) in a combined GAN network; default:"
                    + " the whole saved network.")
    String layer;

    @Option(names = "--latent", paramLabel = "SPEC",
            description = "Latent distribution: normal:DIM, uniform:DIM (add :classes=K for a conditional generator,"
                    + " :shape=1x1 for z of shape [N, DIM, 1, 1]); default: the file's record.")
    String latent;

    @Option(names = "--format", paramLabel = "LAYOUT",
            description = "Output layout: nchw, nhwc or flat:C×H×W (e.g. flat:1x28x28); default: the file's record.")
    String format;

    @Option(names = "--range", paramLabel = "MIN,MAX",
            description = "Output range: -1,1 (tanh), 0,1 (sigmoid) or 0,255; default: the file's record.")
    String range;

    @Option(names = "--seed", description = "Seed of the latents; default: the file's record (else 0).")
    Long seed;

    /** The generator with its latent specification and image format. */
    record Sampler(SavedGenerator file, ModelGenerator generator, LatentSpec latent, ImageFormat format) {
    }

    /** Reads {@code file} and resolves the generator, its latents and its format from the options and the record. */
    Sampler resolve(Path file) throws IOException {
        return resolve(SavedGenerator.read(file));
    }

    Sampler resolve(SavedGenerator saved) {
        GeneratorRecord r = saved.record().orElse(null);
        ModelGenerator g = layer == null ? saved.generator() : saved.generator(part(layer));
        LatentSpec l;
        if (latent != null) {
            l = LatentSpec.parse(latent, seed != null ? seed : r != null ? r.latent().seed() : 0);
        } else if (r != null) {
            l = seed == null ? r.latent() : r.latent().withSeed(seed);
        } else {
            throw new BadInputException(saved.file() + " records no latent specification (not written by ganeval4j):"
                    + " give --latent, e.g. --latent normal:100");
        }
        ImageFormat f;
        if (format == null && range == null && r != null) {
            f = r.format();
        } else {
            String lay = format != null ? format : r != null ? r.format().describeLayout() : null;
            String ran = range != null ? range : r != null ? r.format().describeRange() : null;
            if (lay == null || ran == null) {
                throw new BadInputException(saved.file() + " records no image format: give --format (nchw, nhwc or"
                        + " flat:C×H×W) and --range (-1,1, 0,1 or 0,255)");
            }
            long[] shape = lay.startsWith("flat") ? null : g.sample(l.latents(0, 1), l.labels(0, 1)).shape();
            f = ImageFormat.parse(lay, ran, shape);
        }
        return new Sampler(saved, g, l, f);
    }

    /** {@code --layer}: an index or a vertex name. */
    static ModelGenerator.Part part(String layer) {
        try {
            int i = Integer.parseInt(layer);
            if (i < 0) {
                throw new BadInputException("--layer must be a layer index >= 0 or a vertex name, got " + layer);
            }
            return new ModelGenerator.Part(i, null);
        } catch (NumberFormatException e) {
            return new ModelGenerator.Part(-1, layer);
        }
    }
}
