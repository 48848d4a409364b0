package org.ganeval4j.feature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.AssetUnavailableException;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.stats.StatsProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fréchet-distance feature extractors by id — what the CLI's {@code --extractor} and the
 * examples choose from:
 * <ul>
 *   <li>{@code fid-inception}: pytorch-fid's FID Inception ({@link FidInceptionV3}); layers
 *       {@code pool_64}/{@code pool_192}/{@code pool_768}/{@code pool_2048}; any resize mode; needs the
 *       95 MB {@code pt_inception-2015-12-05-6726825d.pth};</li>
 *   <li>{@code squeezenet}, {@code alexnet}: ImageNet-trained trunks ({@link ImageNetFeatureExtractor},
 *       FD-SqueezeNet / FD-AlexNet, not comparable to published FID), their own resize mode
 *       ({@value ImageNetFeatureExtractor#RESIZE_MODE}).</li>
 * </ul>
 * {@link #preferred} gives FID Inception whenever its weights resolve and FD-SqueezeNet otherwise.
 */
public final class Extractors {
    /** The ids {@link #create} accepts. */
    public static final List<String> IDS = List.of(FidInceptionV3.ID, "squeezenet", "alexnet");

    private static final Logger LOG = LoggerFactory.getLogger(Extractors.class);

    private Extractors() {
    }

    /**
     * How to build an extractor.
     *
     * @param id      one of {@link #IDS}
     * @param weights the weights file, or null to resolve it (asset directory, cache, download)
     * @param resize  the resize mode, or null for the extractor's default ({@code pytorch} for FID Inception)
     * @param dims    the FID Inception layer by dimension (64, 192, 768, 2048), or null for 2048
     * @param batch   images per forward pass (≥ 1)
     */
    public record Choice(String id, Path weights, ResizeMode resize, Integer dims, int batch) {
        public Choice {
            Objects.requireNonNull(id, "id");
            id = id.toLowerCase(Locale.ROOT);
            if (!IDS.contains(id)) {
                throw new IllegalArgumentException("unknown extractor '" + id + "' (expected one of " + IDS + ")");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
            }
            boolean inception = id.equals(FidInceptionV3.ID);
            if (dims != null && (!inception || !List.of(64, 192, 768, 2048).contains(dims))) {
                throw new IllegalArgumentException(inception ? "FID Inception dims must be 64, 192, 768 or 2048, got " + dims
                        : id + " has one layer; --dims applies to fid-inception only");
            }
            if (!inception && resize != null && !resize.id().equals(ImageNetFeatureExtractor.RESIZE_MODE)) {
                throw new IllegalArgumentException(id + " uses its own resize mode (" + ImageNetFeatureExtractor.RESIZE_MODE
                        + "), got " + resize.id());
            }
        }

        /** The extractor with defaults. */
        public static Choice of(String id) {
            return new Choice(id, null, null, null, FidInceptionV3.DEFAULT_BATCH_SIZE);
        }
    }

    /** Builds the chosen extractor. */
    public static FeatureExtractor create(Choice c) throws IOException {
        if (c.id().equals(FidInceptionV3.ID)) {
            FidInceptionV3.Builder b = FidInceptionV3.builder().batchSize(c.batch())
                    .resizeMode(c.resize() == null ? ResizeMode.PYTORCH : c.resize())
                    .layer(c.dims() == null ? FidInceptionV3.POOL_2048 : "pool_" + c.dims());
            return (c.weights() != null ? b.weights(c.weights()) : b.assets(AssetResolver.fromEnvironment())).build();
        }
        return ImageNetFeatureExtractor.byId(c.id(), c.weights());
    }

    /**
     * FID Inception when its weights resolve (asset directory, cache, or a download where the network
     * allows), else FD-SqueezeNet; the reason for the fallback is returned with it.
     */
    public static Preferred preferred(AssetResolver resolver) throws IOException {
        try {
            Path w = resolver.resolve(Assets.FID_INCEPTION);
            return new Preferred(create(new Choice(FidInceptionV3.ID, w, null, null, FidInceptionV3.DEFAULT_BATCH_SIZE)),
                    null);
        } catch (AssetUnavailableException e) {
            String why = "the FID Inception weights (" + Assets.FID_INCEPTION.fileName() + ") are not in the asset"
                    + " directory or cache and could not be downloaded; using FD-SqueezeNet, which is not comparable to"
                    + " published FID";
            LOG.debug("{}: {}", why, e.getMessage());
            return new Preferred(create(Choice.of("squeezenet")), why);
        }
    }

    /**
     * The preferred extractor and, when it is not FID Inception, why.
     *
     * @param extractor the extractor
     * @param fallback  why FID Inception was not used, or null
     */
    public record Preferred(FeatureExtractor extractor, String fallback) {
    }

    /**
     * The extractor that reproduces statistics of the given provenance (extractor, layer, resize
     * mode), e.g. to compute a folder's statistics comparable to a reference file.
     *
     * @throws IllegalArgumentException when the provenance names no extractor this library builds
     */
    public static FeatureExtractor forProvenance(StatsProvenance p, Path weights, int batch) throws IOException {
        if (p.extractor() == null || !IDS.contains(p.extractor())) {
            throw new IllegalArgumentException("statistics made with extractor '" + p.extractor() + "' cannot be reproduced"
                    + " here (known: " + IDS + ")");
        }
        Integer dims = p.extractor().equals(FidInceptionV3.ID) && p.dims() > 0 ? p.dims() : null;
        ResizeMode resize = p.resizeMode() == null ? null : ResizeMode.fromId(p.resizeMode());
        return create(new Choice(p.extractor(), weights, resize, dims, batch));
    }
}
