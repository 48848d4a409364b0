package org.ganeval4j.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resolution order and downloads, against a real HTTP server on loopback ({@code 127.0.0.1},
 * ephemeral port) that serves bytes made here; nothing goes to the internet.
 */
class AssetResolverTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final byte[] payload = randomBytes(300_000, 7);
    private Path cache;
    private Path assets;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        cache = Files.createDirectory(tmp.resolve("cache"));
        assets = Files.createDirectory(tmp.resolve("assets"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/");
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Asset asset(String relativePath, String sha, URI url) {
        return new Asset("test-weights", relativePath, List.of("weights/test/features-only.pth"), url, sha,
                "test weights (300 kB)");
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @ParameterizedTest(name = "{0} hash")
    @CsvSource({"full", "torch hub prefix"})
    void downloadLandsInTheCacheWithItsHashChecked(String kind) throws Exception {
        String hash = sha256(payload);
        Asset a = kind.equals("full")
                ? asset("weights/test/model.pth", hash, null)
                : Asset.torchHub("test-hub", "weights/test/model-" + hash.substring(0, 8) + ".pth", List.of(), null, "hub file");
        served.put("/mirror/" + a.relativePath(), payload);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        AssetResolver r = AssetResolver.builder().cacheDir(cache).baseUrl(base())
                .progressOutput(new PrintStream(progress, true, StandardCharsets.UTF_8)).build();

        Path p = r.resolve(a);

        assertThat(p).isEqualTo(cache.resolve(a.relativePath()));
        assertThat(Files.readAllBytes(p)).isEqualTo(payload);
        assertThat(regularFiles(cache)).containsExactly(p);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Downloading " + a.fileName());
        assertThat(r.resolve(a)).as("second time from the cache").isEqualTo(p);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void canonicalUrlIsUsedWithoutAMirror() throws Exception {
        served.put("/files/model.pth", payload);
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/model.pth");
        Asset a = asset("weights/test/model.pth", sha256(payload), url);
        AssetResolver r = AssetResolver.builder().cacheDir(cache).progressOutput(null).build();
        assertThat(Files.readAllBytes(r.resolve(a))).isEqualTo(payload);
        assertThat(r.downloadUrl(a)).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0} hash")
    @CsvSource({"full", "prefix"})
    void checksumMismatchIsRefusedAndNothingIsKept(String kind) throws Exception {
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
        Asset a = asset("weights/test/model.pth", kind.equals("full") ? wrong : wrong.substring(0, 8), null);
        served.put("/mirror/weights/test/model.pth", payload);
        AssetResolver r = AssetResolver.builder().cacheDir(cache).baseUrl(base()).progressOutput(null).build();

        assertThatThrownBy(() -> r.resolve(a))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.actual()).isEqualTo(sha256OrFail(payload));
                    assertThat(e.expected()).isEqualTo(a.sha256());
                })
                .hasMessageContaining(sha256(payload))
                .hasMessageContaining(a.sha256())
                .hasMessageContaining(base() + "weights/test/model.pth")
                .hasMessageContaining("refused");
        assertThat(regularFiles(cache)).as("no file, not even a temporary one").isEmpty();
    }

    private static String sha256OrFail(byte[] b) {
        try {
            return sha256(b);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void serverDownGivesAMessageWithUrlAndWhereToPutTheFile() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        URI mirror = base();
        server.stop(0);
        AssetResolver r = AssetResolver.builder().assetDir(assets).cacheDir(cache).baseUrl(mirror)
                .connectTimeout(Duration.ofSeconds(5)).progressOutput(null).build();

        assertThatThrownBy(() -> r.resolve(a))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining("asset 'test-weights' (model.pth")
                .hasMessageContaining("downloading " + mirror + "weights/test/model.pth failed")
                .hasMessageContaining("Download " + mirror + "weights/test/model.pth and put it at one of")
                .hasMessageContaining(assets.resolve("weights/test/model.pth").toString())
                .hasMessageContaining(cache.resolve("weights/test/model.pth").toString())
                .hasMessageContaining("weights/test/features-only.pth");
        assertThat(regularFiles(cache)).isEmpty();
    }

    @Test
    void offlineModeNeverDownloads() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        served.put("/mirror/weights/test/model.pth", payload);
        AssetResolver r = AssetResolver.builder().cacheDir(cache).baseUrl(base()).offline(true).build();

        assertThatThrownBy(() -> r.resolve(a))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining("offline mode is on (GANEVAL4J_OFFLINE / -Dganeval4j.offline)")
                .hasMessageContaining(base() + "weights/test/model.pth")
                .hasMessageContaining(cache.resolve("weights/test/model.pth").toString())
                .hasMessageContaining("set GANEVAL4J_ASSETS or -Dganeval4j.assets");
        assertThat(requests.get()).isZero();
    }

    @Test
    void missingOnTheServerIsReported() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        AssetResolver r = AssetResolver.builder().cacheDir(cache).baseUrl(base()).progressOutput(null).build();
        assertThatThrownBy(() -> r.resolve(a))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining("HTTP status 404");
        assertThat(regularFiles(cache)).isEmpty();
    }

    @Test
    void offlineOnlyAssetWithoutMirrorSaysItHasNoUrl() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        AssetResolver r = AssetResolver.builder().cacheDir(cache).build();
        assertThatThrownBy(() -> r.resolve(a))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining("it has no download URL")
                .hasMessageContaining("Obtain model.pth and put it at one of");
        assertThat(requests.get()).isZero();
    }

    @Test
    void explicitPathBeatsAssetDirBeatsCache() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        served.put("/mirror/weights/test/model.pth", payload);
        Path explicit = Files.writeString(tmp.resolve("mine.pth"), "explicit");
        Path inAssets = write(assets.resolve(a.relativePath()), "asset dir");
        Path inCache = write(cache.resolve(a.relativePath()), "cache");

        AssetResolver withDir = AssetResolver.builder().assetDir(assets).cacheDir(cache).baseUrl(base()).build();
        assertThat(withDir.resolve(a, explicit)).isEqualTo(explicit);
        assertThat(withDir.resolve(a)).isEqualTo(inAssets);
        AssetResolver cacheOnly = AssetResolver.builder().cacheDir(cache).baseUrl(base()).build();
        assertThat(cacheOnly.resolve(a)).isEqualTo(inCache);
        assertThat(requests.get()).as("nothing downloaded").isZero();

        assertThatThrownBy(() -> withDir.resolve(a, tmp.resolve("nope.pth")))
                .isInstanceOf(AssetUnavailableException.class)
                .hasMessageContaining("explicit path " + tmp.resolve("nope.pth"));
    }

    @Test
    void alternativeFileServesWhenThePrimaryIsAbsent() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        Path alt = write(assets.resolve("weights/test/features-only.pth"), "features");
        AssetResolver r = AssetResolver.builder().assetDir(assets).cacheDir(cache).verifyLocalFiles(true).build();
        assertThat(r.resolve(a)).isEqualTo(alt);
    }

    @Test
    void verifyLocalFilesRefusesAWrongFile() throws Exception {
        Asset a = asset("weights/test/model.pth", sha256(payload), null);
        Path wrong = write(assets.resolve(a.relativePath()), "not the weights");
        AssetResolver r = AssetResolver.builder().assetDir(assets).cacheDir(cache).verifyLocalFiles(true).build();
        assertThatThrownBy(() -> r.resolve(a))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining(wrong.toString())
                .hasMessageContaining(sha256(payload))
                .hasMessageContaining(sha256(Files.readAllBytes(wrong)));
    }

    @Test
    void builderRefusesWhatCouldNeverWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> AssetResolver.builder().assetDir(tmp.resolve("missing")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an existing directory");
        assertThatThrownBy(() -> AssetResolver.builder().cacheDir(file).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists and is not a directory");
        assertThatThrownBy(() -> AssetResolver.builder().baseUrl(URI.create("ftp://example.org/")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> AssetResolver.builder().connectTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be positive");
    }

    @Test
    void environmentSettingsPropertyBeatsVariable() throws Exception {
        Path other = Files.createDirectory(tmp.resolve("other"));
        Properties props = new Properties();
        props.setProperty("ganeval4j.assets", assets.toString());
        Map<String, String> env = Map.of("GANEVAL4J_ASSETS", other.toString(), "GANEVAL4J_CACHE", cache.toString(),
                "GANEVAL4J_OFFLINE", "1");
        AssetResolver r = AssetResolver.builder().environment(env, props).build();
        assertThat(r.assetDir()).contains(assets);
        assertThat(r.cacheDir()).isEqualTo(cache);
        assertThat(r.offline()).isTrue();

        props.setProperty("ganeval4j.offline", "false");
        assertThat(AssetResolver.builder().environment(env, props).build().offline()).isFalse();
        AssetResolver xdg = AssetResolver.builder().environment(Map.of("XDG_CACHE_HOME", tmp.toString()), new Properties()).build();
        assertThat(xdg.cacheDir()).isEqualTo(tmp.resolve("ganeval4j"));
        assertThatThrownBy(() -> AssetResolver.builder().environment(Map.of("GANEVAL4J_OFFLINE", "maybe"), new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GANEVAL4J_OFFLINE must be 1/true/yes or 0/false/no, found 'maybe'");
    }

    @Test
    void missingAssetDirFromEnvironmentNamesTheVariable() {
        Map<String, String> env = Map.of("GANEVAL4J_ASSETS", tmp.resolve("gone").toString());
        assertThatThrownBy(() -> AssetResolver.builder().environment(env, new Properties()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(from GANEVAL4J_ASSETS)");
    }

    private static Path write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }
}
