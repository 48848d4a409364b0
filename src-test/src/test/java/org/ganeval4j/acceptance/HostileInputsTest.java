package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 acceptance 1: files crafted by a careless or hostile user — decompression bombs, headers
 * claiming more than the file holds, absurd options, malformed headers — are answered with one clear
 * line (what was expected, what was found, which file) and exit 2, within a small memory bound (the
 * command runs in its own JVM with a small {@code -Xmx}); running out of memory is one line and exit 1.
 */
@Tag("slow")
class HostileInputsTest {
    @org.junit.jupiter.api.BeforeAll
    static void assets() {
        org.ganeval4j.testing.TestData.assets();
    }
    /** A .npy file with the given header dictionary and data. */
    static Path npy(Path file, String dict, byte[] data) throws IOException {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length,
                (byte) (header.length >> 8)});
            out.write(header);
            out.write(data);
        }
        return file;
    }

    /** A gray PNG declaring {@code size}×{@code size} pixels, all zero, deflated (≈ size²/1000 bytes). */
    static Path pngBomb(Path file, int size) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[size + 1];
            for (int y = 0; y < size; y++) {
                z.write(row);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(size);
            d.writeInt(size);
            d.write(new byte[] {8, 0, 0, 0, 0});
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static void oneLine(Cli.Result r, int exit, String... fragments) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(exit);
        assertThat(r.stderr().strip().lines()).as(r.stderr()).hasSize(1);
        for (String f : fragments) {
            assertThat(r.stderr()).contains(f);
        }
        assertThat(r.stderr()).doesNotContain("\tat ").doesNotContain("(null)").doesNotContain("long overflow");
    }

    @Test
    void aPngBombIsRefusedFromItsHeaderWithinASmallHeap(@TempDir Path dir) throws Exception {
        Path bomb = pngBomb(dir.resolve("bomb.png"), 10_000);
        assertThat(Files.size(bomb)).isLessThan(200_000);
        Cli.Result lpips = Cli.runJarWith(List.of("-Xmx512m"), "lpips", bomb, bomb);
        oneLine(lpips, 2, bomb.toString(), "10000×10000 = 100000000 pixels", "above the limit of 89478485");

        // in a folder, the bomb is skipped and listed like any unreadable image
        Path folder = Files.createDirectories(dir.resolve("images"));
        Files.copy(bomb, folder.resolve("bomb.png"));
        java.awt.image.BufferedImage ok = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ImageIO.write(ok, "png", folder.resolve("ok.png").toFile());
        Path out = dir.resolve("f.npz");
        Cli.Result features = Cli.runJarWith(List.of("-Xmx512m"), "features", folder, "--extractor", "squeezenet", "-o",
                out);
        assertThat(features.exitCode()).as(features.stderr()).isZero();
        assertThat(features.stdout().strip()).isEqualTo("1");
        assertThat(features.stderr()).contains("skipped 1").contains("bomb.png");
        // each row names its input, so rows stay matched to images when some are skipped
        assertThat(Npz.read(out, "sources").toStrings()).containsExactly("ok.png");
    }

    @Test
    void headersClaimingMoreThanTheirFilesAreRefusedBeforeAllocating(@TempDir Path dir) throws Exception {
        // an .npz whose deflated sigma claims 8000² float64 (512 MB) beside mu of length 2048
        Path stats = dir.resolve("bomb.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(stats))) {
            ByteArrayOutputStream mu = new ByteArrayOutputStream();
            Npy.write(NpyArray.ofDoubles(new double[2048], 2048), mu);
            zip.putNextEntry(new ZipEntry("mu.npy"));
            zip.write(mu.toByteArray());
            zip.putNextEntry(new ZipEntry("sigma.npy"));
            String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (8000, 8000), }";
            StringBuilder h = new StringBuilder(dict);
            while ((10 + h.length() + 1) % 64 != 0) {
                h.append(' ');
            }
            byte[] header = (h + "\n").getBytes(StandardCharsets.ISO_8859_1);
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0});
            zip.write(header);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                zip.write(zeros);
            }
        }
        assertThat(Files.size(stats)).isLessThan(2_000_000);
        oneLine(Cli.runJarWith(List.of("-Xmx256m"), "fid", stats, stats), 2, stats.toString(),
                "found mu [2048] and sigma [8000, 8000]", "a 2048×2048 matrix");

        // an IDX file of 7.8 KB claiming 2,000,000 images
        Path idx = dir.resolve("fake-idx3-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(idx))) {
            out.writeInt(0x00000803);
            out.writeInt(2_000_000);
            out.writeInt(28);
            out.writeInt(28);
            out.write(new byte[7_800]);
        }
        oneLine(Cli.runJarWith(List.of("-Xmx256m"), "stats", idx, "--extractor", "squeezenet", "-o", dir.resolve("s.npz")),
                2, idx.toString(), "the header claims 2000000 images", "the file holds 7800");
    }

    @Test
    void malformedHeadersAndAbsurdOptionsAreOneClearLine(@TempDir Path dir) throws Exception {
        Path overflow = npy(dir.resolve("overflow.npy"),
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", new byte[0]);
        oneLine(Cli.run("inspect", overflow), 2, overflow.toString(), "more elements than a 64-bit count holds");
        Path negative = npy(dir.resolve("negative.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 4), }",
                new byte[0]);
        oneLine(Cli.run("inspect", negative), 2, negative.toString(), "negative dimension");
        Path object = npy(dir.resolve("object.npy"), "{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }",
                new byte[32]);
        oneLine(Cli.run("fid", object, object), 2, object.toString(), "unsupported .npy dtype '|O'");
        Path huge = npy(dir.resolve("huge-header.npy"), "{'descr': '<f4', 'junk': '" + "x".repeat(60_000) + "'}",
                new byte[0]);
        Cli.Result h = Cli.run("inspect", huge);
        oneLine(h, 2, huge.toString(), "malformed .npy header", " characters)");
        assertThat(h.stderr().length()).isLessThan(600);
        Path tar = Files.write(dir.resolve("garbage.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        oneLine(Cli.run("stats", tar, "--extractor", "squeezenet", "-o", dir.resolve("t.npz")), 2, tar.toString());

        Path features = dir.resolve("f.npy");
        Npy.write(NpyArray.ofFloats(new float[20 * 4], 20, 4), features);
        oneLine(Cli.run("kid", features, features, "--subsets", "2147483647"), 2, "at most 100000 subsets",
                "found subsets=2147483647");
        oneLine(Cli.run("stats", features, "--extractor", "squeezenet", "--batch", "1000000000", "-o", dir.resolve("b.npz")),
                2, "--batch must be in [1, 4096], got 1000000000");
    }

    @Test
    void hostileWeightsAreOneLine(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images.npy");
        Npy.write(NpyArray.ofUint8(new byte[2 * 3 * 16 * 16], 2, 3, 16, 16), images);
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.writeBytes(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9,
            0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, '.', (byte) 0x80, 2, 'M', (byte) 0xe9, 0x03, '.', (byte) 0x80, 2, '}', '.'});
        pickle.writeBytes(new byte[] {(byte) 0x80, 2});
        for (int i = 0; i < 50_000; i++) {
            pickle.write(']');
        }
        for (int i = 0; i < 49_999; i++) {
            pickle.write('a');
        }
        pickle.writeBytes(new byte[] {'.', (byte) 0x80, 2, ']', '.'});
        Path weights = Files.write(dir.resolve("deep.pth"), pickle.toByteArray());
        oneLine(Cli.run("features", images, "--weights", weights, "-o", dir.resolve("x.npz")), 2, weights.toString(),
                "nested deeper than 1000 levels");
    }

    @Test
    void runningOutOfMemoryIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.npy");
        Npy.write(NpyArray.ofFloats(new float[4000 * 2048], 4000, 2048), big);
        Cli.Result r = Cli.runJarWith(List.of("-Xmx24m"), "fid", big, big);
        oneLine(r, 1, "out of memory running 'ganeval4j fid'", "-Xmx");
    }
}
