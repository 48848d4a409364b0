package org.ganeval4j.assets;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file ganeval4j needs (network weights, a dataset) and how to get it.
 *
 * <p>{@code sha256} is either the full SHA-256 of the file (64 hex digits) or, for files that only
 * carry one, a prefix of it (at least 8 hex digits): torch hub files name it in the file name,
 * {@code pt_inception-2015-12-05-6726825d.pth} has a SHA-256 starting with {@code 6726825d}.
 *
 * @param id               a stable identifier, e.g. {@code lpips-v0.1-alex}
 * @param relativePath     where the file lies inside an asset directory and the cache, with {@code /}
 *                         separators, e.g. {@code weights/lpips/v0.1/alex.pth}
 * @param alternativePaths other files, relative like {@code relativePath}, that serve the same purpose
 *                         when found locally (e.g. a features-only copy of a torchvision checkpoint);
 *                         they are never downloaded and, their content being different, not checked
 *                         against {@code sha256}
 * @param url              the canonical download URL, or null for an asset that is only available offline
 * @param sha256           lower-case hex SHA-256 of the file at {@code relativePath}, full or a prefix
 * @param description      what the file is, its size and licence, for messages
 */
public record Asset(String id, String relativePath, List<String> alternativePaths, URI url, String sha256,
                    String description) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8,64}");
    private static final Pattern HUB_HASH = Pattern.compile("-([0-9a-f]{8,64})\\.[^/]+$");

    public Asset {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("asset id must not be blank");
        }
        relativePath = checkRelative(id, relativePath);
        List<String> alts = new ArrayList<>();
        for (String a : Objects.requireNonNull(alternativePaths, "alternativePaths")) {
            alts.add(checkRelative(id, a));
        }
        alternativePaths = List.copyOf(alts);
        if (url != null && !url.isAbsolute()) {
            throw new IllegalArgumentException("asset '" + id + "': URL must be absolute, found " + url);
        }
        if (url != null && !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("asset '" + id + "': URL must be http or https, found " + url);
        }
        sha256 = Objects.requireNonNull(sha256, "sha256").toLowerCase(Locale.ROOT);
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("asset '" + id + "': sha256 must be 8 to 64 hex digits, found '"
                    + sha256 + "'");
        }
        Objects.requireNonNull(description, "description");
    }

    private static String checkRelative(String id, String p) {
        Objects.requireNonNull(p, "path");
        if (p.isBlank() || p.startsWith("/") || p.contains("\\") || List.of(p.split("/")).contains("..")) {
            throw new IllegalArgumentException("asset '" + id + "': path must be relative with '/' separators and no"
                    + " '..', found '" + p + "'");
        }
        return p;
    }

    /**
     * A torch hub file whose name carries its SHA-256 prefix ({@code name-<hex>.ext}), as
     * {@code torch.hub.download_url_to_file(check_hash=True)} expects.
     *
     * @throws IllegalArgumentException when the file name has no such prefix
     */
    public static Asset torchHub(String id, String relativePath, List<String> alternativePaths, URI url,
                                 String description) {
        Matcher m = HUB_HASH.matcher(relativePath);
        if (!m.find()) {
            throw new IllegalArgumentException("asset '" + id + "': file name " + relativePath
                    + " carries no '-<hex>.' SHA-256 prefix");
        }
        return new Asset(id, relativePath, alternativePaths, url, m.group(1), description);
    }

    /** The file name, e.g. {@code alex.pth}. */
    public String fileName() {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    /** The canonical download URL, if the asset has one. */
    public Optional<URI> downloadUrl() {
        return Optional.ofNullable(url);
    }

    /** True when {@code sha256} is the full hash rather than a prefix. */
    public boolean hasFullHash() {
        return sha256.length() == 64;
    }

    /** True when {@code hex} (a full SHA-256, any case) is this asset's hash or starts with its prefix. */
    public boolean matchesHash(String hex) {
        String h = hex.toLowerCase(Locale.ROOT);
        return hasFullHash() ? h.equals(sha256) : h.startsWith(sha256);
    }

    /** {@code relativePath} followed by the alternatives. */
    public List<String> allPaths() {
        List<String> all = new ArrayList<>();
        all.add(relativePath);
        all.addAll(alternativePaths);
        return all;
    }
}
