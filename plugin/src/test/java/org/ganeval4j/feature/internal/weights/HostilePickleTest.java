package org.ganeval4j.feature.internal.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ganeval4j.io.FileFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: weights files crafted to hang, overflow or exhaust memory are refused quickly with one
 * clear message naming the file (the hang guards are generous bounds, not speed targets: Python loads
 * these in microseconds and the fixed reader does too).
 */
class HostilePickleTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /** A legacy {@code torch.save} stream: magic number, protocol 1001, sys_info {}, {@code stateDict}, no storages. */
    static byte[] legacy(byte[] stateDict) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // LONG1 of the legacy magic number 0x1950a86a20f9469cfc6c, little-endian
        b.writeBytes(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20,
            0x6a, (byte) 0xa8, 0x50, 0x19, '.'});
        b.writeBytes(new byte[] {(byte) 0x80, 2, 'M', (byte) 0xe9, 0x03, '.'});
        b.writeBytes(new byte[] {(byte) 0x80, 2, '}', '.'});
        b.writeBytes(stateDict);
        b.writeBytes(new byte[] {(byte) 0x80, 2, ']', '.'});
        return b.toByteArray();
    }

    /** 60 levels of pairs of the same tuple: 2^60 paths through 60 objects. */
    static byte[] billionLaughs() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2, '}', 'q', 1, ']', 'q', 0, '0'});
        for (int i = 0; i < 60; i++) {
            b.writeBytes(new byte[] {'h', 0, 'h', 0, (byte) 0x86, 'q', 0, '0'});
        }
        // {'laughs': <tuple>}
        b.writeBytes(new byte[] {'X', 6, 0, 0, 0, 'l', 'a', 'u', 'g', 'h', 's', 'h', 0, 's', '.'});
        return b.toByteArray();
    }

    static byte[] deeplyNested(int depth) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2});
        for (int i = 0; i < depth; i++) {
            b.write(']');
        }
        for (int i = 0; i < depth - 1; i++) {
            b.write('a');
        }
        b.write('.');
        return b.toByteArray();
    }

    @Test
    void sharedReferencesDoNotMultiplyTheWork(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("laughs.pth"), legacy(billionLaughs()));
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> TorchCheckpoint.read(f))
                .isInstanceOf(FileFormatException.class).hasMessageStartingWith(f.toString())
                .hasMessageContaining("holds no tensors").hasMessageContaining("dict of 1 entries"));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("deep.pth"), legacy(deeplyNested(100_000)));
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("nested deeper than 1000 levels");
        Path zip = dir.resolve("deep-zip.pth");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("archive/data.pkl"));
            out.write(deeplyNested(100_000));
        }
        assertThatThrownBy(() -> TorchCheckpoint.read(zip)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(zip.toString()).hasMessageContaining("nested deeper than 1000 levels");
    }

    @Test
    void aStringLongerThanTheFileNamesItsFieldOffsetAndSize(@TempDir Path dir) throws Exception {
        byte[] pickle = {(byte) 0x80, 2, 'X', (byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a', 'b', '.'};
        byte[] file = legacy(pickle);
        Path f = Files.write(dir.resolve("long-string.pth"), file);
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContaining("BINUNICODE string claims 4294967280 bytes but only 7 are left")
                .hasMessageContaining("of " + file.length)
                .hasMessageNotContaining("-16");
    }

    @Test
    void unhashableKeysAreRefusedAsPythonRefusesThem(@TempDir Path dir) throws Exception {
        // {[]: 1}
        byte[] pickle = {(byte) 0x80, 2, '}', ']', 'K', 1, 's', '.'};
        Path f = Files.write(dir.resolve("list-key.pth"), legacy(pickle));
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("a dict key is a list of 0 items: unhashable");
    }

    @Test
    void aPickleThatInflatesWithoutBoundIsRefused(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("bomb.pth");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("archive/data.pkl"));
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        assertThatThrownBy(() -> TorchCheckpoint.read(zip)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("inflates to more than 256 MiB");
    }
}
