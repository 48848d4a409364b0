package org.ganeval4j.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue, and resolving its entries from the offline asset folder ({@code ../shared/assets}). */
class AssetsCatalogueTest {

    static Stream<Asset> catalogue() {
        return Assets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void resolvesFromTheOfflineAssetFolderOrExplainsWhereToPutIt(Asset asset) throws Exception {
        Path dir = TestData.assets();
        Path cache = Files.createTempDirectory("ganeval4j-cache");
        try {
            AssetResolver r = AssetResolver.builder().assetDir(dir).cacheDir(cache).offline(true)
                    .verifyLocalFiles(true).build();
            boolean present = asset.allPaths().stream().anyMatch(p -> Files.isRegularFile(dir.resolve(p)));
            if (present) {
                Path p = r.resolve(asset);
                assertThat(p).startsWith(dir);
                if (p.equals(dir.resolve(asset.relativePath()))) {
                    assertThat(asset.matchesHash(AssetResolver.sha256(p))).as("SHA-256 of " + p).isTrue();
                } else {
                    assertThat(asset.alternativePaths()).contains(dir.relativize(p).toString().replace('\\', '/'));
                }
            } else {
                String expectedUrl = asset.downloadUrl().map(URI::toString).orElse("Obtain " + asset.fileName());
                assertThatThrownBy(() -> r.resolve(asset))
                        .isInstanceOf(AssetUnavailableException.class)
                        .hasMessageContaining(expectedUrl)
                        .hasMessageContaining(dir.resolve(asset.relativePath()).toString())
                        .hasMessageContaining(cache.resolve(asset.relativePath()).toString());
            }
        } finally {
            Files.deleteIfExists(cache);
        }
    }

    @Test
    void realFilesThatMustBeInTheAssetFolderAreFound() throws Exception {
        AssetResolver r = AssetResolver.builder().assetDir(TestData.assets()).offline(true).build();
        for (Asset a : List.of(Assets.LPIPS_V01_ALEX, Assets.LPIPS_V01_SQUEEZE, Assets.LPIPS_V00_VGG,
                Assets.MNIST_T10K_IMAGES, Assets.CIFAR10_JPG_TEST)) {
            assertThat(r.resolve(a)).isEqualTo(TestData.asset(a.relativePath()));
        }
        assertThat(r.resolve(Assets.TORCHVISION_SQUEEZENET1_1))
                .isEqualTo(TestData.asset("weights/squeezenet1_1-features.pth"));
        assertThat(r.resolve(Assets.TORCHVISION_ALEXNET)).isEqualTo(TestData.asset("weights/alexnet-features.pth"));
    }

    @Test
    void catalogueIsConsistent() {
        assertThat(Assets.all()).extracting(Asset::id).doesNotHaveDuplicates();
        assertThat(Assets.all()).extracting(Asset::relativePath).doesNotHaveDuplicates()
                .allMatch(p -> p.startsWith("weights/") || p.startsWith("datasets/"));
        assertThat(Assets.FID_INCEPTION.sha256()).isEqualTo("6726825d");
        assertThat(Assets.FID_INCEPTION.hasFullHash()).isFalse();
        assertThat(Assets.TORCHVISION_VGG16.sha256()).isEqualTo("397923af");
        assertThat(Assets.LPIPS_V01_ALEX.url()).isEqualTo(
                URI.create("https://github.com/richzhang/PerceptualSimilarity/raw/master/lpips/weights/v0.1/alex.pth"));
        assertThat(Assets.lpips("0.0", "squeeze")).isSameAs(Assets.LPIPS_V00_SQUEEZE);
        assertThat(Assets.byId("fid-inception")).contains(Assets.FID_INCEPTION);
        assertThat(Assets.CIFAR10_JPG_TEST.downloadUrl()).isEmpty();
        assertThatThrownBy(() -> Assets.lpips("0.2", "alex")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0.1 or 0.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../weights/x.pth|0123456789abcdef|path must be relative",
        "/abs/x.pth|0123456789abcdef|path must be relative",
        "weights/x.pth|xyz|sha256 must be 8 to 64 hex digits",
        "weights/x.pth|0123456|sha256 must be 8 to 64 hex digits",
    })
    void assetRefusesBadPathsAndHashes(String path, String sha, String message) {
        assertThatThrownBy(() -> new Asset("x", path, List.of(), null, sha, "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void torchHubHashComesFromTheFileName() {
        Asset a = Asset.torchHub("h", "weights/net-0a1b2c3d.pth", List.of(), null, "d");
        assertThat(a.sha256()).isEqualTo("0a1b2c3d");
        assertThat(a.matchesHash("0A1B2C3D" + "0".repeat(56))).isTrue();
        assertThat(a.matchesHash("0a1b2c3e" + "0".repeat(56))).isFalse();
        assertThatThrownBy(() -> Asset.torchHub("h", "weights/net.pth", List.of(), null, "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no '-<hex>.' SHA-256 prefix");
    }
}
