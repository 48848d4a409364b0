package org.ganeval4j.feature.internal.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoints written by {@code fake_torch_checkpoint.py} with Python's pickle and stub torch
 * modules (no torch needed), in both formats: storage offsets, transposed and conv-style strides,
 * every storage type, shared storages, {@code cuda:0} locations, parameters, {@code _rebuild_tensor_v3}
 * over an untyped storage, storages pickled by value, legacy storage views; values are compared
 * with numpy's {@code as_strided} of the same storages.
 */
class TorchCheckpointSyntheticTest {
    @TempDir
    Path dir;

    static String script(String name) throws IOException {
        try (InputStream in = TorchCheckpointSyntheticTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a fake checkpoint; returns its path; the expected values land in {@code expected.npz}. */
    private Path make(String format, String dictKind) throws Exception {
        Path pth = dir.resolve(format + "-" + dictKind + ".pth");
        String names = Python.check(script("fake_torch_checkpoint.py"), format, dictKind, pth.toString(),
                dir.resolve("expected.npz").toString());
        Files.writeString(dir.resolve("names.txt"), names.strip());
        return pth;
    }

    @ParameterizedTest(name = "{0} format, {1} dict")
    @CsvSource({"legacy, ordered", "legacy, plain", "zip, ordered", "zip, plain"})
    void valuesMatchNumpyStridedViews(String format, String dictKind) throws Exception {
        Path pth = make(format, dictKind);
        Map<String, NpyArray> expected = Npz.read(dir.resolve("expected.npz"));
        List<String> order = List.of(Files.readString(dir.resolve("names.txt")).split(","));

        Map<String, TorchTensor> tensors = TorchCheckpoint.read(pth);

        assertThat(TorchCheckpoint.format(pth)).isEqualTo(format.equals("zip")
                ? TorchCheckpoint.Format.ZIP : TorchCheckpoint.Format.LEGACY);
        assertThat(tensors.keySet()).as("file order kept").containsExactlyElementsOf(order);
        for (String name : order) {
            TorchTensor t = tensors.get(name);
            NpyArray e = expected.get(name);
            assertThat(t.shape()).as(name + " shape").containsExactly(e.shape());
            if (e.dtype() == DType.INT64) {
                long[] want = new long[(int) e.size()];
                e.rawData().asLongBuffer().get(want);
                assertThat(t.longValues()).as(name).containsExactly(want);
            } else {
                assertThat(e.dtype()).isEqualTo(DType.FLOAT32);
                float[] got = t.floatValues();
                float[] want = e.toFloatArray();
                assertThat(got.length).as(name + " length").isEqualTo(want.length);
                for (int i = 0; i < want.length; i++) {
                    assertThat(Float.floatToRawIntBits(got[i])).as(name + "[" + i + "] = " + got[i] + ", expected " + want[i])
                            .isEqualTo(Float.floatToRawIntBits(want[i]));
                }
            }
        }
        assertThat(tensors.get("half.transposed").dtype()).isEqualTo(TorchDType.FLOAT16);
        assertThat(tensors.get("long.strided").dtype()).isEqualTo(TorchDType.INT64);
        assertThat(tensors.get("double").dtype()).isEqualTo(TorchDType.FLOAT64);
        assertThat(tensors.get("uint8").dtype()).isEqualTo(TorchDType.UINT8);
        assertThat(tensors.get("int8").dtype()).isEqualTo(TorchDType.INT8);
        assertThat(tensors.get("bool").dtype()).isEqualTo(TorchDType.BOOL);
        assertThat(tensors.get("bfloat16").dtype()).isEqualTo(TorchDType.BFLOAT16);
        assertThat(tensors.get("v3.untyped").dtype()).isEqualTo(TorchDType.FLOAT32);
        assertThat(tensors.get("bn.num_batches_tracked").rank()).isZero();
        assertThat(tensors.get("bn.num_batches_tracked").longValues()).containsExactly(123L);
    }

    @ParameterizedTest
    @CsvSource({"legacy", "zip"})
    void layoutDescribesStorageOffsetStrideAndLocation(String format) throws Exception {
        Path pth = make(format, "ordered");
        Map<String, TensorLayout> byName = new java.util.LinkedHashMap<>();
        TorchCheckpoint.layout(pth).forEach(l -> byName.put(l.name(), l));

        TensorLayout offset = byName.get("z.offset");
        assertThat(offset.storageType()).isEqualTo("FloatStorage");
        assertThat(offset.storageKey()).isEqualTo("a");
        assertThat(offset.storageNumel()).isEqualTo(24);
        assertThat(offset.storageOffset()).isEqualTo(5);
        assertThat(offset.shape()).containsExactly(2, 3);
        assertThat(offset.stride()).containsExactly(3, 1);
        assertThat(offset.isContiguous()).isTrue();

        TensorLayout conv = byName.get("conv_hwio_as_oihw");
        assertThat(conv.storageKey()).as("shared storage").isEqualTo("a");
        assertThat(conv.stride()).containsExactly(1, 2, 12, 6);
        assertThat(conv.isContiguous()).isFalse();

        assertThat(byName.get("cuda.weight").location()).isEqualTo("cuda:0");
        assertThat(byName.get("half.transposed").storageType()).isEqualTo("HalfStorage");
        assertThat(byName.get("long.strided").dtype()).isEqualTo(TorchDType.INT64);
        assertThat(byName.get("bn.num_batches_tracked").shape()).isEmpty();
        if (format.equals("legacy")) {
            TensorLayout view = byName.get("legacy_view");
            assertThat(view.storageKey()).isEqualTo("root");
            assertThat(view.storageOffset()).as("view offset 4 + tensor offset 1").isEqualTo(5);
        }
    }

    @Test
    void prefixSelectsAndStripsNames() throws Exception {
        Path pth = make("zip", "ordered");
        Map<String, TorchTensor> bn = TorchCheckpoint.read(pth, "bn.");
        assertThat(bn.keySet()).containsExactly("num_batches_tracked");
        assertThatThrownBy(() -> TorchCheckpoint.read(pth, "features."))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("no tensor name starts with 'features.'")
                .hasMessageContaining("z.offset");
    }

    @Test
    void toINDArrayGivesFloat32OfTheShape() throws Exception {
        Map<String, TorchTensor> tensors = TorchCheckpoint.read(make("legacy", "plain"));
        INDArray conv = tensors.get("conv_hwio_as_oihw").toINDArray();
        assertThat(conv.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(conv.shape()).containsExactly(2, 3, 2, 2);
        // element [1,2,0,1] = storage[1*1 + 2*2 + 0*12 + 1*6] = 11 * 0.5 - 3.25
        assertThat(conv.getFloat(1, 2, 0, 1)).isEqualTo(2.25f);
        INDArray scalar = tensors.get("bn.num_batches_tracked").toINDArray();
        assertThat(scalar.isScalar()).isTrue();
        assertThat(scalar.getFloat(0)).isEqualTo(123f);
        assertThat(tensors.get("empty").toINDArray().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "legacy file cut to {0} bytes before its end")
    @CsvSource({"1", "7", "40", "100"})
    void truncatedLegacyDataNamesStorageTensorAndByteCounts(int cut) throws Exception {
        Path pth = make("legacy", "ordered");
        byte[] all = Files.readAllBytes(pth);
        Path cutFile = dir.resolve("cut.pth");
        Files.write(cutFile, Arrays.copyOf(all, all.length - cut));

        assertThat(TorchCheckpoint.layout(cutFile)).as("the header is intact").hasSize(19);
        assertThatThrownBy(() -> TorchCheckpoint.read(cutFile))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(cutFile.toString())
                .hasMessageMatching("(?s).*truncated: expected \\d+ bytes of storage (data|header).*storage '\\w+'.*"
                        + "used by tensor '[^']+'.*found \\d+.*")
                .hasMessageContaining("the file has " + (all.length - cut) + " bytes")
                .hasMessageContaining("a file of " + all.length + " bytes");
    }

    @Test
    void truncatedLegacyLastStorageCountsExactly() throws Exception {
        Path pth = make("legacy", "ordered");
        byte[] all = Files.readAllBytes(pth);
        Path cutFile = dir.resolve("cut.pth");
        Files.write(cutFile, Arrays.copyOf(all, all.length - 2));
        // storages are written in sorted key order; the last is 'ut' (UntypedStorage, 12 bytes) used by 'v3.untyped'
        assertThatThrownBy(() -> TorchCheckpoint.read(cutFile))
                .hasMessageContaining("truncated: expected 12 bytes of storage data for storage 'ut' (UntypedStorage,"
                        + " 12 elements, used by tensor 'v3.untyped')")
                .hasMessageContaining("found 10");
    }

    @Test
    void truncatedLegacyHeaderSaysSo() throws Exception {
        Path pth = make("legacy", "ordered");
        Path cutFile = dir.resolve("cut.pth");
        Files.write(cutFile, Arrays.copyOf(Files.readAllBytes(pth), 300));
        assertThatThrownBy(() -> TorchCheckpoint.layout(cutFile))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("truncated inside the state-dict")
                .hasMessageContaining("of 300");
    }

    @Test
    void truncatedZipNamesTheCutStorage() throws Exception {
        Path pth = make("zip", "ordered");
        byte[] all = Files.readAllBytes(pth);
        // cut in the middle of the largest storage entry ('a', 24 floats = 96 bytes)
        int start = indexOf(all, "archive/data/a".getBytes(StandardCharsets.US_ASCII)) + "archive/data/a".length();
        Path cutFile = dir.resolve("cut.pth");
        Files.write(cutFile, Arrays.copyOf(all, start + 50));
        assertThatThrownBy(() -> TorchCheckpoint.read(cutFile))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("not a complete zip archive")
                .hasMessageMatching("(?s).*truncated: expected 96 bytes of storage data for storage 'archive/data/a'"
                        + " \\(FloatStorage, 24 elements, used by tensor 'z.offset' and 3 more\\), found \\d+.*");
    }

    @Test
    void shortZipEntryNamesExpectedAndFoundBytes() throws Exception {
        Path pth = make("zip", "ordered");
        Path bad = dir.resolve("short.pth");
        rewriteZip(pth, bad, "archive/data/l", 30);
        assertThatThrownBy(() -> TorchCheckpoint.read(bad))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("truncated: expected 80 bytes of storage data for storage 'archive/data/l'"
                        + " (LongStorage, 10 elements, used by tensor 'long.strided'), found 30");
    }

    @Test
    void corruptPickleInZipIsNamed() throws Exception {
        Path pth = make("zip", "ordered");
        Path bad = dir.resolve("corrupt.pth");
        rewriteZip(pth, bad, "archive/data.pkl", 700);
        assertThatThrownBy(() -> TorchCheckpoint.layout(bad))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("archive/data.pkl")
                .hasMessageContaining("truncated inside");
    }

    @Test
    void notACheckpointIsRefused() throws Exception {
        Path f = dir.resolve("x.pth");
        Files.write(f, "hello, world".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not a PyTorch checkpoint");
        Path z = dir.resolve("z.pth");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write(1);
        }
        assertThatThrownBy(() -> TorchCheckpoint.read(z)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("without a <folder>/data.pkl entry").hasMessageContaining("readme.txt");
    }

    @Test
    void aPickleWithoutTensorsSaysWhatItHolds() throws Exception {
        Path f = dir.resolve("model.pth");
        Python.check("import pickle,sys\n"
                + "f=open(sys.argv[1],'wb')\n"
                + "for o in (0x1950a86a20f9469cfc6c, 1001, {'little_endian': True}, {'epoch': 3, 'lr': 0.1}, []):\n"
                + "    pickle.dump(o, f, protocol=2)\n", f.toString());
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("holds no tensors: its top-level object is a dict of 2 entries [epoch, lr]");
    }

    /** Copies a zip, keeping only the first {@code keep} bytes of entry {@code shorten}. */
    private static void rewriteZip(Path from, Path to, String shorten, int keep) throws IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data;
                try (InputStream s = in.getInputStream(e)) {
                    data = s.readAllBytes();
                }
                if (e.getName().equals(shorten)) {
                    data = Arrays.copyOf(data, keep);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
