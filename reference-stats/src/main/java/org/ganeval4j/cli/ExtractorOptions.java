package org.ganeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.AssetUnavailableException;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.stats.StatsProvenance;
import picocli.CommandLine.Option;

/** The feature-extractor options of the commands that read images (a picocli mixin). */
final class ExtractorOptions {
    /** The {@code --resize} help, one text for every command that takes the option. */
    static final String RESIZE_HELP = "FID Inception resize mode: pytorch (pytorch-fid; the default), tf1 (torch-fidelity;"
            + " torchmetrics up to 1.7.4; torchmetrics 1.8+ FID with antialias=False), clean (clean-fid), antialias"
            + " (torchmetrics 1.8+ FID, KID and IS by default). squeezenet and alexnet have their own (antialias).";

    @Option(names = "--extractor", paramLabel = "ID",
            description = "Features: fid-inception (FID; the default whenever its weights resolve), squeezenet (FD-SqueezeNet,"
                    + " no download; the fallback), alexnet.")
    String extractor;

    @Option(names = "--dims", description = "FID Inception layer by dimension: 64, 192, 768 or 2048 (default 2048).")
    Integer dims;

    @Option(names = "--resize", paramLabel = "MODE",
            description = RESIZE_HELP)
    String resize;

    @Option(names = "--weights", paramLabel = "FILE", description = "The extractor's weights file (default: resolved).")
    Path weights;

    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    /** True when the user chose nothing about the extractor. */
    boolean unset() {
        return extractor == null && dims == null && resize == null && weights == null;
    }

    /**
     * The chosen extractor; without {@code --extractor}, FID Inception when its weights resolve (or
     * {@code --dims/--resize/--weights} ask for it) and FD-SqueezeNet otherwise, saying so on {@code err}.
     */
    FeatureExtractor create(PrintWriter err) throws IOException {
        BadInputException.requireBatch(batch, "--batch");
        try {
            if (extractor == null && dims == null && resize == null && weights == null) {
                Extractors.Preferred p = Extractors.preferred(AssetResolver.fromEnvironment());
                if (p.fallback() != null) {
                    err.println("ganeval4j: note: " + p.fallback());
                }
                return p.extractor();
            }
            String id = extractor == null ? FidInceptionV3.ID : extractor;
            return Extractors.create(new Extractors.Choice(id, weights, resize == null ? null : ResizeMode.fromId(resize),
                    dims, batch));
        } catch (AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * What {@link #create} would build, without building it (for an engine that builds it elsewhere):
     * without {@code --extractor}, FID Inception when its weights resolve here (weights left null, to
     * be resolved where the work runs) and FD-SqueezeNet otherwise, saying so on {@code err}.
     */
    Extractors.Choice choice(PrintWriter err) throws IOException {
        try {
            if (unset()) {
                try {
                    AssetResolver.fromEnvironment().resolve(org.ganeval4j.assets.Assets.FID_INCEPTION);
                    return new Extractors.Choice(FidInceptionV3.ID, null, null, null, batch);
                } catch (AssetUnavailableException e) {
                    err.println("ganeval4j: note: the FID Inception weights (" + org.ganeval4j.assets.Assets.FID_INCEPTION.fileName()
                            + ") are not in the asset directory or cache and could not be downloaded; using FD-SqueezeNet,"
                            + " which is not comparable to published FID");
                    return new Extractors.Choice("squeezenet", null, null, null, batch);
                }
            }
            return new Extractors.Choice(extractor == null ? FidInceptionV3.ID : extractor, weights,
                    resize == null ? null : ResizeMode.fromId(resize), dims, batch);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The extractor that reproduces statistics of {@code p}, unless the user chose one. */
    FeatureExtractor matching(StatsProvenance p, PrintWriter err) throws IOException {
        if (!unset() || p.extractor() == null) {
            return create(err);
        }
        BadInputException.requireBatch(batch, "--batch");
        try {
            return Extractors.forProvenance(p, weights, batch);
        } catch (AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
