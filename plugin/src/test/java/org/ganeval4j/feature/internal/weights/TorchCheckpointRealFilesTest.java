package org.ganeval4j.feature.internal.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real checkpoints: the header of the real FID Inception file (truncated copy + its layout
 * table), the random-weight FID Inception file in the same layout, the torchvision-layout
 * SqueezeNet/AlexNet trunks (zip) and the LPIPS linear layers (legacy, {@code cuda:0} storages).
 * Values are cross-checked with {@code reference_reader.py} (Python's pickle + numpy, no torch).
 */
class TorchCheckpointRealFilesTest {
    private static final String REAL_HEADER = "real-header/pt_inception-2015-12-05-6726825d.pth.truncated";
    private static final String REAL_LAYOUT = "real-header/pt_inception_state_dict_layout.tsv";
    private static final String RANDOM_FID = "fid-inception-random.pth";

    /** One row of the layout table. */
    record Row(String name, String storageType, String key, long numel, long offset, long[] shape, long[] stride) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Row> layoutTable() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.testdata(REAL_LAYOUT))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), longs(f[5]), longs(f[6])));
        }
        return rows;
    }

    private static long[] longs(String list) {
        String inner = list.strip().replaceAll("^\\[|\\]$", "").strip();
        return inner.isEmpty() ? new long[0] : Arrays.stream(inner.split(",")).mapToLong(s -> Long.parseLong(s.strip())).toArray();
    }

    private static Map<String, TensorLayout> realHeaderLayout;

    private static synchronized Map<String, TensorLayout> realHeaderLayout() throws IOException {
        if (realHeaderLayout == null) {
            Map<String, TensorLayout> m = new LinkedHashMap<>();
            TorchCheckpoint.layout(TestData.testdata(REAL_HEADER)).forEach(l -> m.put(l.name(), l));
            realHeaderLayout = m;
        }
        return realHeaderLayout;
    }

    static Stream<Row> rows() throws IOException {
        return layoutTable().stream();
    }

    @Test
    void realHeaderListsExactlyTheTableTensors() throws Exception {
        List<Row> table = layoutTable();
        assertThat(table).hasSize(566);
        assertThat(realHeaderLayout().keySet()).containsExactlyInAnyOrderElementsOf(table.stream().map(Row::name).toList());
        assertThat(realHeaderLayout().values().stream().filter(l -> !l.isContiguous())).hasSize(95);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void realHeaderRowMatchesTable(Row row) throws Exception {
        TensorLayout l = realHeaderLayout().get(row.name());
        assertThat(l).as(row.name()).isNotNull();
        assertThat(l.storageType()).isEqualTo(row.storageType());
        assertThat(l.storageKey()).isEqualTo(row.key());
        assertThat(l.storageNumel()).isEqualTo(row.numel());
        assertThat(l.storageOffset()).isEqualTo(row.offset());
        assertThat(l.shape()).containsExactly(row.shape());
        assertThat(l.stride()).containsExactly(row.stride());
        assertThat(l.location()).isEqualTo("cpu");
    }

    @Test
    void realHeaderReadReportsTheTruncation() throws Exception {
        Path file = TestData.testdata(REAL_HEADER);
        long size = Files.size(file);
        // The storages follow the header (81511 bytes, see the table's comment) in sorted key order,
        // each as an int64 count and 4 (FloatStorage) or 8 (LongStorage) bytes per element.
        Map<String, Row> byKey = new TreeMap<>();
        Map<String, List<String>> users = new TreeMap<>();
        for (Row r : layoutTable()) {
            byKey.put(r.key(), r);
            users.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.name());
        }
        long pos = 81511;
        Row cut = null;
        long expected = 0;
        long found = 0;
        for (Row r : byKey.values()) {
            long bytes = r.numel() * (r.storageType().equals("LongStorage") ? 8 : 4);
            pos += 8;
            if (pos + bytes > size) {
                cut = r;
                expected = bytes;
                found = size - pos;
                break;
            }
            pos += bytes;
        }
        assertThat(cut).isNotNull();
        Row c = cut;
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("truncated: expected " + expected + " bytes of storage data for storage '" + c.key()
                        + "' (" + c.storageType() + ", " + c.numel() + " elements, used by tensor '"
                        + users.get(c.key()).get(0) + "')")
                .hasMessageContaining("found " + found)
                .hasMessageContaining("the file has " + size + " bytes, the header describes a file of 95628359 bytes");
    }

    @Test
    void randomFidInceptionReadsEveryTensorWithTheRealLayout() throws Exception {
        Path file = TestData.testdata(RANDOM_FID);
        long t0 = System.nanoTime();
        Map<String, TorchTensor> tensors = TorchCheckpoint.read(file);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("read " + file.getFileName() + " (" + Files.size(file) + " bytes, " + tensors.size()
                + " tensors) in " + ms + " ms");

        List<Row> table = layoutTable();
        assertThat(tensors).hasSize(566);
        List<TensorLayout> layout = TorchCheckpoint.layout(file);
        assertThat(tensors.keySet()).containsExactlyElementsOf(layout.stream().map(TensorLayout::name).toList());
        Map<String, TensorLayout> own = new LinkedHashMap<>();
        layout.forEach(l -> own.put(l.name(), l));
        long params = 0;
        for (Row r : table) {
            TorchTensor t = tensors.get(r.name());
            assertThat(t.shape()).as(r.name()).containsExactly(r.shape());
            assertThat(own.get(r.name()).stride()).as(r.name()).containsExactly(r.stride());
            if (r.storageType().equals("LongStorage")) {
                assertThat(t.dtype()).isEqualTo(TorchDType.INT64);
                assertThat(t.longValues()).as(r.name()).containsOnly(0L);
            } else {
                assertThat(t.dtype()).isEqualTo(TorchDType.FLOAT32);
                float[] v = t.floatValues();
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        throw new AssertionError(r.name() + " has a non-finite value " + x);
                    }
                }
                params += v.length;
            }
        }
        assertThat(tensors.get("Conv2d_1a_3x3.conv.weight").shape()).containsExactly(32, 3, 3, 3);
        assertThat(tensors.get("fc.weight").shape()).containsExactly(1008, 2048);
        assertThat(params).as("float parameters").isEqualTo(table.stream()
                .filter(r -> r.storageType().equals("FloatStorage")).mapToLong(r -> Arrays.stream(r.shape()).reduce(1, (a, b) -> a * b)).sum());
        assertAgreesWithReferenceReader(file, tensors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "squeezenet1_1-features.pth|features.0.weight [64, 3, 3, 3], features.0.bias [64], features.3.squeeze.weight [16, 64, 1, 1], features.3.squeeze.bias [16], features.3.expand1x1.weight [64, 16, 1, 1], features.3.expand1x1.bias [64], features.3.expand3x3.weight [64, 16, 3, 3], features.3.expand3x3.bias [64], features.4.squeeze.weight [16, 128, 1, 1], features.4.squeeze.bias [16], features.4.expand1x1.weight [64, 16, 1, 1], features.4.expand1x1.bias [64], features.4.expand3x3.weight [64, 16, 3, 3], features.4.expand3x3.bias [64], features.6.squeeze.weight [32, 128, 1, 1], features.6.squeeze.bias [32], features.6.expand1x1.weight [128, 32, 1, 1], features.6.expand1x1.bias [128], features.6.expand3x3.weight [128, 32, 3, 3], features.6.expand3x3.bias [128], features.7.squeeze.weight [32, 256, 1, 1], features.7.squeeze.bias [32], features.7.expand1x1.weight [128, 32, 1, 1], features.7.expand1x1.bias [128], features.7.expand3x3.weight [128, 32, 3, 3], features.7.expand3x3.bias [128], features.9.squeeze.weight [48, 256, 1, 1], features.9.squeeze.bias [48], features.9.expand1x1.weight [192, 48, 1, 1], features.9.expand1x1.bias [192], features.9.expand3x3.weight [192, 48, 3, 3], features.9.expand3x3.bias [192], features.10.squeeze.weight [48, 384, 1, 1], features.10.squeeze.bias [48], features.10.expand1x1.weight [192, 48, 1, 1], features.10.expand1x1.bias [192], features.10.expand3x3.weight [192, 48, 3, 3], features.10.expand3x3.bias [192], features.11.squeeze.weight [64, 384, 1, 1], features.11.squeeze.bias [64], features.11.expand1x1.weight [256, 64, 1, 1], features.11.expand1x1.bias [256], features.11.expand3x3.weight [256, 64, 3, 3], features.11.expand3x3.bias [256], features.12.squeeze.weight [64, 512, 1, 1], features.12.squeeze.bias [64], features.12.expand1x1.weight [256, 64, 1, 1], features.12.expand1x1.bias [256], features.12.expand3x3.weight [256, 64, 3, 3], features.12.expand3x3.bias [256]|ZIP|722496",
        "alexnet-features.pth|features.0.weight [64, 3, 11, 11], features.0.bias [64], features.3.weight [192, 64, 5, 5], features.3.bias [192], features.6.weight [384, 192, 3, 3], features.6.bias [384], features.8.weight [256, 384, 3, 3], features.8.bias [256], features.10.weight [256, 256, 3, 3], features.10.bias [256]|ZIP|2469696",
        "lpips/v0.1/alex.pth|lin0.model.1.weight [1, 64, 1, 1], lin1.model.1.weight [1, 192, 1, 1], lin2.model.1.weight [1, 384, 1, 1], lin3.model.1.weight [1, 256, 1, 1], lin4.model.1.weight [1, 256, 1, 1]|LEGACY|1152",
        "lpips/v0.1/squeeze.pth|lin0.model.1.weight [1, 64, 1, 1], lin1.model.1.weight [1, 128, 1, 1], lin2.model.1.weight [1, 256, 1, 1], lin3.model.1.weight [1, 384, 1, 1], lin4.model.1.weight [1, 384, 1, 1], lin5.model.1.weight [1, 512, 1, 1], lin6.model.1.weight [1, 512, 1, 1]|LEGACY|2240",
        "lpips/v0.1/vgg.pth|lin0.model.1.weight [1, 64, 1, 1], lin1.model.1.weight [1, 128, 1, 1], lin2.model.1.weight [1, 256, 1, 1], lin3.model.1.weight [1, 512, 1, 1], lin4.model.1.weight [1, 512, 1, 1]|LEGACY|1472",
        "lpips/v0.0/alex.pth|lin0.model.1.weight [1, 64, 1, 1], lin1.model.1.weight [1, 192, 1, 1], lin2.model.1.weight [1, 384, 1, 1], lin3.model.1.weight [1, 256, 1, 1], lin4.model.1.weight [1, 256, 1, 1]|LEGACY|1152",
        "lpips/v0.0/squeeze.pth|lin0.model.1.weight [1, 64, 1, 1], lin1.model.1.weight [1, 128, 1, 1], lin2.model.1.weight [1, 256, 1, 1], lin3.model.1.weight [1, 384, 1, 1], lin4.model.1.weight [1, 384, 1, 1], lin5.model.1.weight [1, 512, 1, 1], lin6.model.1.weight [1, 512, 1, 1]|LEGACY|2240",
        "lpips/v0.0/vgg.pth|lin0.model.1.weight [1, 64, 1, 1], lin1.model.1.weight [1, 128, 1, 1], lin2.model.1.weight [1, 256, 1, 1], lin3.model.1.weight [1, 512, 1, 1], lin4.model.1.weight [1, 512, 1, 1]|LEGACY|1472",
    })
    void weightFilesHaveTheDocumentedTensors(String relative, String tensorList, TorchCheckpoint.Format format,
                                             long params) throws Exception {
        Path file = TestData.asset("weights/" + relative);
        Map<String, TorchTensor> tensors = TorchCheckpoint.read(file);

        assertThat(TorchCheckpoint.format(file)).isEqualTo(format);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String item : tensorList.split(", (?=[a-z])")) {
            int sp = item.indexOf(' ');
            expected.put(item.substring(0, sp), item.substring(sp + 1));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        tensors.forEach((k, t) -> actual.put(k, Arrays.toString(t.shape())));
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(tensors.values().stream().mapToLong(TorchTensor::numel).sum()).isEqualTo(params);
        if (relative.startsWith("lpips")) {
            assertThat(TorchCheckpoint.layout(file)).extracting(TensorLayout::location).containsOnly("cuda:0");
        }
        assertAgreesWithReferenceReader(file, tensors);
    }

    @Test
    void prefixStripsTheFeaturesPart() throws Exception {
        Map<String, TorchTensor> trunk = TorchCheckpoint.read(TestData.asset("weights/alexnet-features.pth"), "features.");
        assertThat(trunk.keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias",
                "8.weight", "8.bias", "10.weight", "10.bias");
        assertThat(trunk.get("0.weight").name()).isEqualTo("0.weight");
    }

    /** Compares sums and three values per tensor with Python's pickle + numpy reading of the same file. */
    private static void assertAgreesWithReferenceReader(Path file, Map<String, TorchTensor> tensors) throws Exception {
        String out = Python.check(TorchCheckpointSyntheticTest.script("reference_reader.py"), file.toString());
        List<String> names = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.split("\t");
            names.add(f[0]);
            TorchTensor t = tensors.get(f[0]);
            assertThat(t).as(f[0]).isNotNull();
            assertThat(Arrays.toString(t.shape())).as(f[0]).isEqualTo(f[2]);
            float[] v = t.toFloatArray();
            double sum = 0;
            double sumAbs = 0;
            for (float x : v) {
                sum += x;
                sumAbs += Math.abs(x);
            }
            double ref = Double.parseDouble(f[3]);
            assertThat(sum).as(f[0] + " sum").isCloseTo(ref, within(1e-12 * sumAbs + 1e-300));
            if (f.length > 4 && v.length > 0) {
                double[] picks = Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray();
                assertThat(new double[] {v[0], v[v.length / 2], v[v.length - 1]}).as(f[0] + " first/middle/last")
                        .containsExactly(picks);
            }
        }
        assertThat(tensors.keySet()).containsExactlyElementsOf(names);
    }
}
