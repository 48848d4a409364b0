package org.ganeval4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image-file rules every reader shares (the folder and archive sources, the CLI, the Spark module):
 * which names are images, which files are IDX, how a limit picks its subset, how one file decodes, and
 * how a declared range is checked.
 */
class ImageFileRulesTest {

    @ParameterizedTest
    @CsvSource({"a.png,true", "dir/B.JPG,true", "x.jpeg,true", "y.bmp,true", "z.GIF,true", "archive/sub/c.png,true",
            "win\\dir\\d.png,true", "._a.png,false", "dir/._a.png,false", ".png,false", "a.npy,false", "a.txt,false",
            "png,false", "dir/,false"})
    void imageFilesAreKnownByTheirExtension(String name, boolean image) {
        assertThat(ImageSources.isImageFile(name)).as(name).isEqualTo(image);
    }

    @Test
    void aLimitPicksTheSameSortedSubsetForTheSameSeed() {
        int[] a = ImageSources.subset(1000, 10, 7);
        assertThat(a).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(a)).allMatch(i -> i >= 0 && i < 1000);
        assertThat(ImageSources.subset(1000, 10, 7)).containsExactly(a);
        assertThat(ImageSources.subset(1000, 10, 8)).isNotEqualTo(a);
        int[] all = new int[5];
        Arrays.setAll(all, i -> i);
        assertThat(ImageSources.subset(5, 0, 7)).containsExactly(all);
        assertThat(ImageSources.subset(5, 9, 7)).containsExactly(all);
        assertThatThrownBy(() -> ImageSources.subset(5, -1, 7)).hasMessageContaining("limit -1");
    }

    @Test
    void idxFilesAreRecognisedFromTheirFirstBytes(@TempDir Path dir) throws Exception {
        byte[] idx = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4};
        Path plain = Files.write(dir.resolve("images-idx3-ubyte"), idx);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
            o.write(idx);
        }
        Path zipped = Files.write(dir.resolve("images-idx3-ubyte.gz"), gz.toByteArray());
        Path text = Files.writeString(dir.resolve("notes-idx3-ubyte"), "not idx at all");
        assertThat(ImageSources.isIdx(plain)).isTrue();
        assertThat(ImageSources.isIdx(zipped)).isTrue();
        assertThat(ImageSources.isIdx(text)).isFalse();
    }

    @Test
    void oneFileDecodesToPlanesOrSaysWhyNot() throws Exception {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0x102030);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(rgb, "png", png);
        DecodedImage d = DecodedImage.decode("x.png", png.toByteArray());
        assertThat(d.ok()).isTrue();
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.height()).isEqualTo(2);
        assertThat(d.width()).isEqualTo(3);
        assertThat(new float[] {d.pixels()[1], d.pixels()[6 + 1], d.pixels()[12 + 1]}).containsExactly(16f, 32f, 48f);

        DecodedImage bad = DecodedImage.decode("y.png", new byte[] {1, 2, 3});
        assertThat(bad.ok()).isFalse();
        assertThat(bad.pixels()).isNull();
        assertThat(bad.failure()).contains("not an image").contains("3 bytes");
    }

    @Test
    void aDeclaredRangeIsCheckedAndNamed() {
        assertThat(InputRange.MINUS_ONE_ONE.describe()).isEqualTo("[-1, 1]");
        assertThat(InputRange.ZERO_255.describe()).isEqualTo("[0, 255]");
        InputRange.MINUS_ONE_ONE.check(new double[] {-1, 0, 1, 0.5}, 2, 0, "ok.npy");
        assertThatThrownBy(() -> InputRange.MINUS_ONE_ONE.check(new double[] {-1, 0, 1, 1.5}, 2, 4, "x.npy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.npy").hasMessageContaining("1.5").hasMessageContaining("image 5")
                .hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> InputRange.UINT8.check(new double[] {3.5}, 1, 0, "u.npy"))
                .hasMessageContaining("3.5");
    }
}
