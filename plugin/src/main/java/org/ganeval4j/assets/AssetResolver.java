package org.ganeval4j.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.ganeval4j.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the file of an {@link Asset}, in this order:
 * <ol>
 *   <li>an explicit path given by the caller (which must then exist: it is never second-guessed);</li>
 *   <li>the asset directory ({@code -Dganeval4j.assets} or {@code GANEVAL4J_ASSETS}), laid out as
 *       {@code weights/...}, {@code datasets/...}: the asset's path, then its alternatives;</li>
 *   <li>the user cache ({@code -Dganeval4j.cache}, {@code GANEVAL4J_CACHE}, else
 *       {@code $XDG_CACHE_HOME/ganeval4j}, else {@code ~/.cache/ganeval4j}), same layout;</li>
 *   <li>a download from the asset's URL (or from a mirror base URL + the asset's path), with a
 *       progress bar on stderr, checked against the asset's SHA-256 (full hash or prefix) and
 *       written atomically into the cache; a download that fails the check is deleted;</li>
 *   <li>otherwise an {@link AssetUnavailableException} naming the file, the URL and the two places
 *       where the file can be put by hand.</li>
 * </ol>
 * Offline mode ({@code -Dganeval4j.offline=true} or {@code GANEVAL4J_OFFLINE=1}) skips step 4.
 * A system property wins over the environment variable of the same setting. Where each asset was
 * found is logged at INFO.
 *
 * <p>Immutable and thread safe; two processes downloading the same asset each write their own
 * temporary file and the last rename wins, with identical content.
 */
public final class AssetResolver {
    /** The environment variable naming the asset directory. */
    public static final String ASSETS_ENV = "GANEVAL4J_ASSETS";
    /** The system property naming the asset directory. */
    public static final String ASSETS_PROPERTY = "ganeval4j.assets";
    /** The environment variable naming the cache directory. */
    public static final String CACHE_ENV = "GANEVAL4J_CACHE";
    /** The system property naming the cache directory. */
    public static final String CACHE_PROPERTY = "ganeval4j.cache";
    /** The environment variable that turns offline mode on ({@code 1}, {@code true}, {@code yes}). */
    public static final String OFFLINE_ENV = "GANEVAL4J_OFFLINE";
    /** The system property that turns offline mode on ({@code true}). */
    public static final String OFFLINE_PROPERTY = "ganeval4j.offline";

    private static final Logger LOG = LoggerFactory.getLogger(AssetResolver.class);

    private final Path assetDir;
    private final String assetDirSource;
    private final Path cacheDir;
    private final String cacheDirSource;
    private final boolean offline;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final PrintStream progress;
    private final boolean verifyLocalFiles;
    /** Built on the first download (building it costs start-up time of every command that only reads). */
    private HttpClient http;

    private AssetResolver(Builder b) {
        this.assetDir = b.assetDir == null ? null : b.assetDir.toAbsolutePath().normalize();
        this.assetDirSource = b.assetDirSource;
        this.cacheDir = (b.cacheDir != null ? b.cacheDir : defaultCache()).toAbsolutePath().normalize();
        this.cacheDirSource = b.cacheDir != null ? b.cacheDirSource : "the default";
        this.offline = b.offline;
        this.baseUrl = b.baseUrl;
        this.connectTimeout = b.connectTimeout;
        this.progress = b.progress;
        this.verifyLocalFiles = b.verifyLocalFiles;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(connectTimeout)
                    .build();
        }
        return http;
    }

    /** A builder with nothing set: no asset directory, the default cache, online. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder set from this process's system properties and environment variables. */
    public static Builder builderFromEnvironment() {
        return new Builder().environment(System.getenv(), System.getProperties());
    }

    /** A resolver configured by this process's system properties and environment variables. */
    public static AssetResolver fromEnvironment() {
        return builderFromEnvironment().build();
    }

    private static Path defaultCache() {
        return Paths.get(System.getProperty("user.home"), ".cache", "ganeval4j");
    }

    /** The asset directory, if one is configured. */
    public java.util.Optional<Path> assetDir() {
        return java.util.Optional.ofNullable(assetDir);
    }

    /** The cache directory (it need not exist yet). */
    public Path cacheDir() {
        return cacheDir;
    }

    /** True when downloads are switched off. */
    public boolean offline() {
        return offline;
    }

    /** Finds (or downloads) the asset's file; see the class comment for the order. */
    public Path resolve(Asset asset) throws IOException {
        return resolve(asset, null);
    }

    /**
     * Finds the asset's file, preferring {@code explicit} when it is not null.
     *
     * @param explicit a path the user gave for this asset, or null
     * @throws AssetUnavailableException when the explicit path does not exist, or the file is nowhere
     *                                   and cannot be downloaded
     * @throws ChecksumMismatchException when a download (or, with {@code verifyLocalFiles}, a local
     *                                   file) does not have the asset's SHA-256
     */
    public Path resolve(Asset asset, Path explicit) throws IOException {
        Objects.requireNonNull(asset, "asset");
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new AssetUnavailableException(asset, "asset '" + asset.id() + "': the explicit path " + explicit
                        + " is not an existing file", null);
            }
            LOG.info("asset '{}': using the explicit path {}", asset.id(), explicit);
            return explicit;
        }
        if (assetDir != null) {
            Path p = findIn(asset, assetDir, "asset directory");
            if (p != null) {
                return p;
            }
        }
        Path cached = findIn(asset, cacheDir, "cache");
        if (cached != null) {
            return cached;
        }
        URI url = downloadUrl(asset);
        if (offline) {
            throw unavailable(asset, url, "offline mode is on (" + OFFLINE_ENV + " / -D" + OFFLINE_PROPERTY + ")", null);
        }
        if (url == null) {
            throw unavailable(asset, null, "it has no download URL", null);
        }
        try {
            return download(asset, url, cacheDir.resolve(asset.relativePath()));
        } catch (ChecksumMismatchException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable(asset, url, "downloading " + url + " failed: " + describe(e), e);
        }
    }

    /** The URL a download would use: the mirror's (base URL + path) when one is set, else the asset's own. */
    public URI downloadUrl(Asset asset) {
        if (baseUrl != null) {
            return baseUrl.resolve(asset.relativePath());
        }
        return asset.url();
    }

    private Path findIn(Asset asset, Path dir, String what) throws IOException {
        for (String rel : asset.allPaths()) {
            Path p = dir.resolve(rel);
            if (Files.isRegularFile(p)) {
                if (verifyLocalFiles && rel.equals(asset.relativePath())) {
                    String actual = sha256(p);
                    if (!asset.matchesHash(actual)) {
                        throw new ChecksumMismatchException("asset '" + asset.id() + "': " + p + " has SHA-256 "
                                + actual + ", expected " + expectedHash(asset) + "; replace or delete it", asset.sha256(), actual);
                    }
                }
                LOG.info("asset '{}': found in the {} at {}", asset.id(), what, p);
                return p;
            }
        }
        return null;
    }

    private Path download(Asset asset, URI url, Path target) throws IOException {
        LOG.info("asset '{}': downloading {} to {}", asset.id(), url, target);
        HttpRequest request = HttpRequest.newBuilder(url).GET().header("User-Agent", "ganeval4j")
                .timeout(connectTimeout.multipliedBy(2)).build();
        HttpResponse<InputStream> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + url);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = newSha256();
            AtomicFiles.write(target, out -> {
                long total = 0;
                try (ProgressBar bar = progressBar(asset, length)) {
                    byte[] buf = new byte[1 << 16];
                    int n;
                    while ((n = body.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        digest.update(buf, 0, n);
                        total += n;
                        if (bar != null) {
                            bar.stepBy(n);
                        }
                    }
                }
                if (length >= 0 && total != length) {
                    throw new IOException("incomplete download: expected " + length + " bytes, received " + total);
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!asset.matchesHash(actual)) {
                    throw new ChecksumMismatchException("asset '" + asset.id() + "': the download from " + url
                            + " has SHA-256 " + actual + ", expected " + expectedHash(asset)
                            + "; refused, nothing was kept in " + cacheDir, asset.sha256(), actual);
                }
            });
        }
        LOG.info("asset '{}': downloaded to {} (SHA-256 checked)", asset.id(), target);
        return target;
    }

    private ProgressBar progressBar(Asset asset, long length) {
        if (progress == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("Downloading " + asset.fileName())
                .setInitialMax(length)
                .setUnit(" MiB", 1 << 20)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(progress, 110))
                .build();
    }

    private static String expectedHash(Asset asset) {
        return asset.sha256() + (asset.hasFullHash() ? "" : "... (a prefix)");
    }

    private AssetUnavailableException unavailable(Asset asset, URI url, String why, Throwable cause) {
        StringBuilder m = new StringBuilder();
        m.append("asset '").append(asset.id()).append("' (").append(asset.fileName()).append(": ")
                .append(asset.description()).append(") is not available: ").append(why).append(".\n");
        if (url != null) {
            m.append("Download ").append(url).append(" and put it at one of:\n");
        } else {
            m.append("Obtain ").append(asset.fileName()).append(" and put it at one of:\n");
        }
        if (assetDir != null) {
            m.append("  ").append(assetDir.resolve(asset.relativePath()))
                    .append("   (asset directory, from ").append(assetDirSource).append(")\n");
        } else {
            m.append("  <dir>/").append(asset.relativePath()).append("   (an asset directory: set ")
                    .append(ASSETS_ENV).append(" or -D").append(ASSETS_PROPERTY).append(" to <dir>)\n");
        }
        m.append("  ").append(cacheDir.resolve(asset.relativePath())).append("   (cache, ").append(cacheDirSource)
                .append("; set ").append(CACHE_ENV).append(" or -D").append(CACHE_PROPERTY).append(" to move it)\n");
        if (!asset.alternativePaths().isEmpty()) {
            m.append("(instead of ").append(asset.relativePath()).append(", these files serve too: ")
                    .append(String.join(", ", asset.alternativePaths())).append(")\n");
        }
        m.append("or pass the file's path explicitly.");
        return new AssetUnavailableException(asset, m.toString(), cause);
    }

    private static String describe(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }

    /** The SHA-256 of a file as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AssetResolver[assetDir=" + assetDir + ", cacheDir=" + cacheDir + ", offline=" + offline
                + (baseUrl == null ? "" : ", baseUrl=" + baseUrl) + "]";
    }

    /** Builds an {@link AssetResolver}; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private Path assetDir;
        private String assetDirSource;
        private Path cacheDir;
        private String cacheDirSource;
        private boolean offline;
        private URI baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private PrintStream progress = System.err;
        private boolean verifyLocalFiles;

        private Builder() {
        }

        /** The asset directory (laid out as {@code weights/...}, {@code datasets/...}); must exist. */
        public Builder assetDir(Path dir) {
            this.assetDir = dir;
            this.assetDirSource = "the builder";
            return this;
        }

        /** The cache directory; created when the first download lands. Default {@code ~/.cache/ganeval4j}. */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            this.cacheDirSource = "from the builder";
            return this;
        }

        /** Whether downloads are switched off (default false). */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * A mirror laid out like the asset directory: a download then fetches {@code baseUrl + relativePath}
         * instead of the asset's canonical URL (also for assets that have none). Null for none.
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** How long to wait for a connection (default 30 s); the response headers may take twice that. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Where the download progress bar goes (default {@code System.err}); null for none. */
        public Builder progressOutput(PrintStream out) {
            this.progress = out;
            return this;
        }

        /**
         * Whether files found in the asset directory or the cache are hashed and checked too (default
         * false: a cached file was checked when it was downloaded). Alternatives are never checked.
         */
        public Builder verifyLocalFiles(boolean verify) {
            this.verifyLocalFiles = verify;
            return this;
        }

        /**
         * Applies the settings found in {@code properties} ({@code ganeval4j.assets}, {@code ganeval4j.cache},
         * {@code ganeval4j.offline}) or, where a property is absent, in {@code env} ({@code GANEVAL4J_ASSETS},
         * {@code GANEVAL4J_CACHE} or {@code $XDG_CACHE_HOME/ganeval4j}, {@code GANEVAL4J_OFFLINE}).
         *
         * @throws IllegalArgumentException when the offline setting is not a boolean word
         */
        public Builder environment(Map<String, String> env, Properties properties) {
            String[] assets = setting(env, properties, ASSETS_ENV, ASSETS_PROPERTY);
            if (assets != null) {
                assetDir = Paths.get(assets[0]);
                assetDirSource = assets[1];
            }
            String[] cache = setting(env, properties, CACHE_ENV, CACHE_PROPERTY);
            if (cache != null) {
                cacheDir = Paths.get(cache[0]);
                cacheDirSource = "from " + cache[1];
            } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
                cacheDir = Paths.get(env.get("XDG_CACHE_HOME"), "ganeval4j");
                cacheDirSource = "from XDG_CACHE_HOME";
            }
            String[] off = setting(env, properties, OFFLINE_ENV, OFFLINE_PROPERTY);
            if (off != null) {
                switch (off[0].strip().toLowerCase(Locale.ROOT)) {
                    case "1", "true", "yes", "on" -> offline = true;
                    case "0", "false", "no", "off", "" -> offline = false;
                    default -> throw new IllegalArgumentException(off[1] + " must be 1/true/yes or 0/false/no, found '"
                            + off[0] + "'");
                }
            }
            return this;
        }

        private static String[] setting(Map<String, String> env, Properties props, String envName, String propName) {
            String v = props.getProperty(propName);
            if (v != null && !v.isBlank()) {
                return new String[] {v, "-D" + propName};
            }
            v = env.get(envName);
            if (v != null && !v.isBlank()) {
                return new String[] {v, envName};
            }
            return null;
        }

        /**
         * @throws IllegalArgumentException when the asset directory is not an existing directory, the
         *                                  cache path is an existing non-directory, the base URL is not an
         *                                  absolute http(s) URL, or the timeout is not positive
         */
        public AssetResolver build() {
            if (assetDir != null && !Files.isDirectory(assetDir)) {
                throw new IllegalArgumentException("the asset directory " + assetDir + " (from " + assetDirSource
                        + ") is not an existing directory");
            }
            if (cacheDir != null && Files.exists(cacheDir) && !Files.isDirectory(cacheDir)) {
                throw new IllegalArgumentException("the cache directory " + cacheDir + " (" + cacheDirSource
                        + ") exists and is not a directory");
            }
            if (baseUrl != null) {
                String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
                if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                    throw new IllegalArgumentException("the base URL must be an absolute http(s) URL, found " + baseUrl);
                }
                if (!baseUrl.getPath().endsWith("/")) {
                    baseUrl = URI.create(baseUrl + "/");
                }
            }
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("the connect timeout must be positive, found " + connectTimeout);
            }
            return new AssetResolver(this);
        }
    }
}
