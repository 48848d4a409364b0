package org.ganeval4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void npyRoundTripKeepsShapeTypeAndValues() throws Exception {
        NpyArray a = NpyArray.ofFloats(new float[] {1.5f, -2f, 3.25f, 0f, 7f, Float.MIN_VALUE}, 2, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(a, out);
        assertThat((out.size() - 24) % 64).as("data starts 64-byte aligned").isZero();
        NpyArray b = Npy.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertThat(b.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(b.shape()).containsExactly(2, 3);
        assertThat(b.toFloatArray()).containsExactly(1.5f, -2f, 3.25f, 0f, 7f, Float.MIN_VALUE);
    }

    @Test
    void stringEntryRoundTrips() throws Exception {
        NpyArray s = NpyArray.ofString("{\"k\": \"välue ✓\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(s, out);
        NpyArray t = Npy.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertThat(t.toUnicodeString()).isEqualTo("{\"k\": \"välue ✓\"}");
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void filesWrittenHereLoadInNumpy(boolean compressed) throws Exception {
        Path f = dir.resolve("x.npz");
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("mu", NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        m.put("img", NpyArray.ofUint8(new byte[] {0, (byte) 255, 7, 8}, 1, 2, 2));
        m.put("meta", NpyArray.ofString("hello"));
        Npz.write(f, m, compressed);
        String out = Python.check("import numpy as np,sys; z=np.load(sys.argv[1]);"
                + "print(z['mu'].dtype, z['mu'].tolist(), z['img'].dtype, z['img'].shape, int(z['img'].sum()), str(z['meta']))",
                f.toString());
        assertThat(out.strip()).isEqualTo("float64 [1.0, 2.0, 3.0] uint8 (1, 2, 2) 270 hello");
    }

    @ParameterizedTest
    @CsvSource({"savez,float32,C", "savez_compressed,float32,C", "savez,float64,F", "savez_compressed,float64,F",
                "savez,>f8,C"})
    void numpyWrittenFilesLoadHere(String fn, String dtype, String order) throws Exception {
        Path f = dir.resolve("n.npz");
        Python.check("import numpy as np,sys\n"
                + "a=np.arange(24,dtype=np.float64).reshape(2,3,4)/7\n"
                + "a=np.asarray(a,dtype=np.dtype(sys.argv[3]),order=sys.argv[4])\n"
                + "getattr(np,sys.argv[2])(sys.argv[1], a=a, b=np.eye(2))", f.toString(), fn, dtype, order);
        assertThat(Npz.keys(f)).containsExactly("a", "b");
        assertThat(Npz.isCompressed(f, "a")).isEqualTo(fn.equals("savez_compressed"));
        NpyArray a = Npz.read(f, "a");
        assertThat(a.shape()).containsExactly(2, 3, 4);
        double[] v = a.toDoubleArray();
        for (int i = 0; i < 24; i++) {
            double expected = dtype.equals("float32") ? (float) (i / 7.0) : i / 7.0;
            assertThat(v[i]).as("element %d", i).isEqualTo(expected);
        }
    }

    @Test
    void npyVersions2And3AreRead() throws Exception {
        for (String v : new String[] {"(2,0)", "(3,0)"}) {
            Path f = dir.resolve("v.npy");
            Python.check("import numpy as np,sys\nfrom numpy.lib import format as fm\n"
                    + "a=np.arange(6,dtype='<i8').reshape(3,2)\n"
                    + "with open(sys.argv[1],'wb') as fh:\n"
                    + "  fm.write_array(fh,a,version=" + v + ")", f.toString());
            NpyArray a = Npy.read(f);
            assertThat(Npy.readHeader(f).majorVersion()).isEqualTo(v.equals("(2,0)") ? 2 : 3);
            assertThat(a.toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void writtenFilesGetOrdinaryPermissionsAndNoTemporaryFileRemains() throws Exception {
        Path f = dir.resolve("p.npz");
        Npz.write(f, Map.of("mu", NpyArray.ofDoubles(new double[] {1}, 1)), false);
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path reference = Files.createFile(dir.resolve("plain.txt"));
            assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(reference));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void truncatedNpzIsReportedClearly() throws Exception {
        Path f = dir.resolve("t.npz");
        Npz.write(f, Map.of("mu", NpyArray.ofDoubles(new double[1000], 1000)), false);
        byte[] all = Files.readAllBytes(f);
        Path t = dir.resolve("trunc.npz");
        Files.write(t, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> Npz.read(t)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("trunc.npz").hasMessageContaining("truncated or corrupt");
    }

    @Test
    void corruptDataIsCaughtByTheChecksum() throws Exception {
        Path f = dir.resolve("c.npz");
        Npz.write(f, Map.of("mu", NpyArray.ofDoubles(new double[1000], 1000)), false);
        byte[] all = Files.readAllBytes(f);
        all[400] ^= 0x55;
        Files.write(f, all);
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(FileFormatException.class).hasMessageContaining("CRC-32");
    }

    @Test
    void truncatedNpyNamesExpectedAndFoundBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(NpyArray.ofDoubles(new double[10], 10), out);
        byte[] b = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 8);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(b), "x.npy")).isInstanceOf(FileFormatException.class)
                .hasMessage("x.npy: truncated: expected 80 bytes of array data for <f8 [10], found 72");
    }

    @Test
    void missingKeyListsWhatIsThere() throws Exception {
        Path f = dir.resolve("k.npz");
        Npz.write(f, Map.of("sigma", NpyArray.ofDoubles(new double[] {1}, 1, 1)), false);
        assertThatThrownBy(() -> Npz.read(f, "mu")).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("no array 'mu'").hasMessageContaining("[sigma]");
    }

    @Test
    void notAnNpyFile() {
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream("PK\3\4hello".getBytes()), "y.npy"))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("expected magic");
    }

    @ParameterizedTest
    @CsvSource({"savez,float64,C,2;3;4", "savez_compressed,float64,C,301;299", "savez,float32,F,301;299",
                "savez,>f8,F,5;6;7", "savez_compressed,>f4,C,40;41", "savez,int16,C,7;9", "savez,float16,F,9;8",
                "savez,uint8,C,3"})
    void streamedDoublesEqualTheArrayRead(String fn, String dtype, String order, String shape) throws Exception {
        Path f = dir.resolve("s.npz");
        Python.check("import numpy as np,sys\n"
                + "shape=tuple(int(s) for s in sys.argv[5].split(';'))\n"
                + "a=(np.arange(np.prod(shape),dtype=np.float64).reshape(shape)*37%1001-500)/8\n"
                + "a=np.asarray(a.astype(np.dtype(sys.argv[3])),order=sys.argv[4])\n"
                + "getattr(np,sys.argv[2])(sys.argv[1], s=a)", f.toString(), fn, dtype, order, shape);
        double[] expected = Npz.read(f, "s").toDoubleArray();
        java.nio.DoubleBuffer target = java.nio.DoubleBuffer.allocate(expected.length + 8);
        target.position(5);
        NpyHeader h = Npz.readDoubles(f, "s", target);
        assertThat(h).isEqualTo(Npz.headers(f).get("s"));
        assertThat(target.position()).isEqualTo(5 + expected.length);
        double[] got = new double[expected.length];
        target.get(5, got);
        assertThat(got).containsExactly(expected);
        assertThat(target.get(4)).isZero();
        assertThat(target.get(5 + expected.length)).isZero();
    }

    @Test
    void streamingRefusesStringsCorruptEntriesAndTooSmallTargets() throws Exception {
        Path f = dir.resolve("r.npz");
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("mu", NpyArray.ofDoubles(new double[1000], 1000));
        m.put("meta", NpyArray.ofString("hello"));
        Npz.write(f, m, false);
        assertThatThrownBy(() -> Npz.readDoubles(f, "meta", java.nio.DoubleBuffer.allocate(10)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("expected a numeric array");
        assertThatThrownBy(() -> Npz.readDoubles(f, "mu", java.nio.DoubleBuffer.allocate(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000 elements");
        byte[] all = Files.readAllBytes(f);
        all[400] ^= 0x55;
        Files.write(f, all);
        assertThatThrownBy(() -> Npz.readDoubles(f, "mu", java.nio.DoubleBuffer.allocate(1000)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("CRC-32");
    }
}
