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
 * The registry of feature extractors by name — what the CLI's {@code --extractor}, the recorded
 * metric specs and the examples choose from, and the one place that knows how a Fréchet distance on
 * an extractor's features is called ({@link #distanceName}: FID only on FID Inception). Built in:
 * <ul>
 *   <li>{@code fid-inception}: pytorch-fid's FID Inception ({@link FidInceptionV3}); layers
 *       {@code pool_64}/{@code pool_192}/{@code pool_768}/{@code pool_2048}; any resize mode; needs the
 *       95 MB {@code pt_inception-2015-12-05-6726825d.pth};</li>
 *   <li>{@code squeezenet}, {@code alexnet}: ImageNet-trained trunks ({@link ImageNetFeatureExtractor},
 *       FD-SqueezeNet / FD-AlexNet, not comparable to published FID), their own resize mode
 *       ({@value ImageNetFeatureExtractor#RESIZE_MODE}).</li>
 * </ul>
 * {@link #preferred} gives FID Inception whenever its weights resolve and FD-SqueezeNet otherwise.
 * Other extractors are added with {@link #register} (as torch-fidelity's
 * {@code register_feature_extractor}); names are lower-case words, validated, and the built-in names
 * are reserved — also for a {@link Dl4jModelExtractor}, so a user model can never be labelled
 * FID or FD-SqueezeNet. Thread safe.
 */
public final class Extractors {
    /** The built-in extractors' names, reserved. */
    public static final List<String> IDS = List.of(FidInceptionV3.ID, "squeezenet", "alexnet");

    /** Builds a registered extractor for a {@link Choice}. */
    @FunctionalInterface
    public interface Factory {
        FeatureExtractor create(Choice choice) throws IOException;
    }

    /**
     * A registered extractor.
     *
     * @param name         its name (the statistics metadata's {@code extractor})
     * @param distanceName how a Fréchet distance on its features is called, e.g. {@code FD-SqueezeNet}
     * @param factory      how to build it
     */
    public record Registration(String name, String distanceName, Factory factory) {
        public Registration {
            requireName(name);
            java.util.Objects.requireNonNull(distanceName, "distanceName");
            java.util.Objects.requireNonNull(factory, "factory");
        }
    }

    private static final java.util.Map<String, Registration> REGISTRY = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        REGISTRY.put(FidInceptionV3.ID, new Registration(FidInceptionV3.ID, "FID", Extractors::fidInception));
        REGISTRY.put("squeezenet", new Registration("squeezenet", "FD-SqueezeNet",
                c -> ImageNetFeatureExtractor.byId("squeezenet", c.weights(), c.batch())));
        REGISTRY.put("alexnet", new Registration("alexnet", "FD-AlexNet",
                c -> ImageNetFeatureExtractor.byId("alexnet", c.weights(), c.batch())));
    }

    /**
     * Registers an extractor under {@code name} (a lower-case word; not a built-in or already
     * registered name), so the command line's {@code --extractor}, recorded metric specs and
     * {@link #create} find it; its Fréchet distances are called {@code FD-<name>}.
     *
     * @throws IllegalArgumentException for a malformed, reserved or taken name
     */
    public static void register(String name, Factory factory) {
        requireUnreserved(name);
        if (REGISTRY.putIfAbsent(name, new Registration(name, "FD-" + name, factory)) != null) {
            throw new IllegalArgumentException("an extractor named '" + name + "' is already registered");
        }
    }

    /** The registered names, built-in ones first. */
    public static List<String> names() {
        List<String> out = new java.util.ArrayList<>(IDS);
        REGISTRY.keySet().stream().filter(n -> !IDS.contains(n)).sorted().forEach(out::add);
        return out;
    }

    /**
     * How a Fréchet distance on {@code extractor}'s features is called: {@code FID} for FID Inception
     * (and for statistics that do not say, such as pytorch-fid's), {@code FD-SqueezeNet},
     * {@code FD-AlexNet}, else {@code FD-<name>}.
     */
    public static String distanceName(String extractor) {
        if (extractor == null) {
            return "FID";
        }
        Registration r = REGISTRY.get(extractor);
        return r != null ? r.distanceName() : "FD-" + extractor;
    }

    /** The name of a Fréchet distance between two sides, from whichever side names its extractor. */
    public static String distanceName(org.ganeval4j.stats.StatsProvenance a, org.ganeval4j.stats.StatsProvenance b) {
        return distanceName(a.extractor() != null ? a.extractor() : b.extractor());
    }

    /**
     * The metadata entries a statistics file of {@code extractor}'s features carries so that it
     * describes its distance: {@code distance} (e.g. {@code FD-SqueezeNet}) and, unless that is FID, the
     * {@code note} that it is not comparable to published FID (for {@code StatsFile.write}'s extra
     * entries).
     */
    public static java.util.Map<String, String> distanceMetadata(String extractor) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (extractor != null) {
            String name = distanceName(extractor);
            m.put("distance", name);
            if (!name.equals("FID")) {
                m.put("note", notComparableNote(name));
            }
        }
        return m;
    }

    /** The note every output of a Fréchet distance other than FID carries. */
    public static String notComparableNote(String distanceName) {
        return distanceName + ": a Fréchet distance on other features than FID Inception's; not comparable to"
                + " published FID";
    }

    /** Refuses a malformed name or a built-in one (for user extractors such as {@link Dl4jModelExtractor}). */
    public static void requireUnreserved(String name) {
        requireName(name);
        if (IDS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the extractor name '" + name + "' is reserved for the built-in "
                    + distanceName(name.toLowerCase(Locale.ROOT)) + " features: choose another name");
        }
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("an extractor name is letters, digits, '.', '_' or '-', got '" + name + "'");
        }
    }

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
            if (!REGISTRY.containsKey(id)) {
                throw new IllegalArgumentException("unknown extractor '" + id + "' (expected one of " + names() + ")");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
            }
            boolean inception = id.equals(FidInceptionV3.ID);
            if (dims != null && (!inception || !List.of(64, 192, 768, 2048).contains(dims))) {
                throw new IllegalArgumentException(inception ? "FID Inception dims must be 64, 192, 768 or 2048, got " + dims
                        : id + " has one layer; --dims applies to fid-inception only");
            }
            if (IDS.contains(id) && !inception && resize != null && !resize.id().equals(ImageNetFeatureExtractor.RESIZE_MODE)) {
                throw new IllegalArgumentException(id + " uses its own resize mode (" + ImageNetFeatureExtractor.RESIZE_MODE
                        + "), got " + resize.id());
            }
        }

        /** The extractor with defaults (its own default batch size for the built-in ones). */
        public static Choice of(String id) {
            String name = Objects.requireNonNull(id, "id").toLowerCase(Locale.ROOT);
            boolean imageNet = !FidInceptionV3.ID.equals(name) && IDS.contains(name);
            return new Choice(id, null, null, null,
                    imageNet ? ImageNetFeatureExtractor.DEFAULT_BATCH_SIZE : FidInceptionV3.DEFAULT_BATCH_SIZE);
        }
    }

    /** Builds the chosen extractor. */
    public static FeatureExtractor create(Choice c) throws IOException {
        return REGISTRY.get(c.id()).factory().create(c);
    }

    private static FeatureExtractor fidInception(Choice c) throws IOException {
        FidInceptionV3.Builder b = FidInceptionV3.builder().batchSize(c.batch())
                .resizeMode(c.resize() == null ? ResizeMode.PYTORCH : c.resize())
                .layer(c.dims() == null ? FidInceptionV3.POOL_2048 : "pool_" + c.dims());
        return (c.weights() != null ? b.weights(c.weights()) : b.assets(AssetResolver.fromEnvironment())).build();
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
        if (p.extractor() == null || !REGISTRY.containsKey(p.extractor())) {
            throw new IllegalArgumentException("statistics made with extractor '" + p.extractor() + "' cannot be reproduced"
                    + " here (known: " + names() + ")");
        }
        Integer dims = p.extractor().equals(FidInceptionV3.ID) && p.dims() > 0 ? p.dims() : null;
        ResizeMode resize = p.resizeMode() == null ? null : ResizeMode.fromId(p.resizeMode());
        return create(new Choice(p.extractor(), weights, resize, dims, batch));
    }
}
