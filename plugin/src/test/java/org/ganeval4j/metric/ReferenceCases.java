package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases of {@code ../shared/testdata/metrics/expected.json} (made by torch-fidelity 0.4.0 and
 * clovaai prdc; see its README), discovered from the file: every top-level entry by its
 * {@code kind}, every result block by the fields it carries. Feature files are loaded once and
 * their SHA-256 checked against the file's record.
 */
final class ReferenceCases {
    static final String EXPECTED = "metrics/expected.json";
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+),\\s*(\\d+)\\)");
    private static final Map<String, FeatureMatrix> CACHE = new ConcurrentHashMap<>();
    private static JsonNode root;

    private ReferenceCases() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try {
                root = new ObjectMapper().readTree(TestData.testdata(EXPECTED).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** Case names whose {@code kind} is the given one, in file order. */
    static List<String> names(String kind) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (kind.equals(e.getValue().path("kind").asText())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** (case, block) pairs of the given kind whose block object has {@code marker} among its fields. */
    static Stream<Arguments> blocks(String kind, String marker) {
        List<Arguments> out = new ArrayList<>();
        for (String name : names(kind)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root().get(name).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject() && e.getValue().has(marker)) {
                    out.add(Arguments.of(name, e.getKey()));
                }
            }
        }
        return out.stream();
    }

    static JsonNode node(String name) {
        return root().get(name);
    }

    /** The real or fake features of a {@code features} case, row range applied. */
    static FeatureMatrix features(String name, String which) {
        JsonNode c = node(name);
        String file = c.path("files").path(which).asText();
        String sha = c.path("sha256").path(which).asText(null);
        FeatureMatrix all = load(file, sha);
        JsonNode range = c.path("rows").path(which);
        if (range.isArray()) {
            return all.rows(range.get(0).asInt(), range.get(1).asInt());
        }
        return all;
    }

    /** The logits of a {@code logits} case: the file in the metrics folder, row range applied. */
    static FeatureMatrix logits(String name) {
        JsonNode c = node(name);
        FeatureMatrix all = load("metrics/" + c.path("file").asText(), c.path("sha256").asText(null));
        JsonNode range = c.path("rows");
        if (range.isArray()) {
            return all.rows(range.get(0).asInt(), range.get(1).asInt());
        }
        Matcher m = RANGE.matcher(range.asText(""));
        if (m.find()) {
            return all.rows(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return all;
    }

    private static FeatureMatrix load(String relative, String sha256) {
        return CACHE.computeIfAbsent(relative, r -> {
            Path p = TestData.testdata(r);
            try {
                if (sha256 != null) {
                    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                    if (!actual.equals(sha256)) {
                        throw new AssertionError(p + ": SHA-256 " + actual + ", expected.json records " + sha256);
                    }
                }
                NpyArray a = Npy.read(p);
                long[] shape = a.shape();
                if (shape.length != 2) {
                    throw new AssertionError(p + ": expected a 2-d array, found shape " + java.util.Arrays.toString(shape));
                }
                return FeatureMatrix.of(a.toFloatArray(), (int) shape[0], (int) shape[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** |a − b| / |b|, or |a − b| when b is 0. */
    static double rel(double a, double b) {
        return b == 0 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);
    }
}
