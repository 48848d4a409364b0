package org.ganeval4j.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;

/**
 * Reference-statistics files: pytorch-fid's {@code .npz} layout ({@code mu} (d,), {@code sigma}
 * (d, d); float32 or float64; STORED or DEFLATED entries), plus, in files written here, a
 * {@value #METADATA_KEY} entry — a NumPy unicode string holding JSON that makes the file describe
 * itself:
 *
 * <pre>{"format": "ganeval4j-stats", "format_version": 1, "library_version": "0.1.0",
 *  "extractor": "fid-inception", "layer": "pool_2048", "dims": 2048, "weights_sha256": "…",
 *  "resize_mode": "pytorch", "sample_count": 50000, "dataset_id": "cifar10-train", "created": "…"}</pre>
 *
 * Read it in Python with {@code json.loads(str(numpy.load(f)["metadata"]))}; pytorch-fid ignores it.
 * Files from a newer format version are refused with a message naming both versions.
 */
public final class StatsFile {
    /** The npz key of the JSON metadata. */
    public static final String METADATA_KEY = "metadata";
    /** The {@code format} value of the metadata. */
    public static final String FORMAT = "ganeval4j-stats";
    /** The metadata format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Metadata is read with Jackson's streaming parser: the data-binding layer costs a few hundred
     * milliseconds of class loading, more than the whole of {@code ganeval4j fid} on small files.
     */
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private StatsFile() {
    }

    /**
     * Reads statistics from an {@code .npz} file (pytorch-fid's or ours). The entries' headers are
     * checked against each other (mu of length d, sigma d×d) before any data is inflated, so a file whose
     * header claims more than its other entries agree with is refused without allocating it.
     */
    public static GaussianStats read(Path file) throws IOException {
        return read(file, -1);
    }

    /**
     * Reads statistics that must have dimension {@code expectedDim} (−1: any), checked on the headers
     * before any data is inflated — e.g. the other side of a comparison.
     */
    public static GaussianStats read(Path file, long expectedDim) throws IOException {
        return open(file, expectedDim).load();
    }

    /**
     * Opens statistics without reading Σ: μ, the count and the provenance are read and every
     * header is checked (as {@link #read(Path, long)} checks them); Σ stays in the file until
     * {@link StoredStats#copyCovarianceTo} or {@link StoredStats#load} reads it.
     *
     * @param expectedDim the dimension the statistics must have, −1 for any
     */
    public static StoredStats open(Path file, long expectedDim) throws IOException {
        Map<String, org.ganeval4j.io.NpyHeader> headers = Npz.headers(file);
        org.ganeval4j.io.NpyHeader muHeader = headers.get("mu");
        org.ganeval4j.io.NpyHeader sigmaHeader = headers.get("sigma");
        if (muHeader == null || sigmaHeader == null) {
            throw new FileFormatException(file + ": a statistics file needs arrays 'mu' and 'sigma', found "
                    + headers.keySet());
        }
        long[] ms = muHeader.shape();
        long[] ss = sigmaHeader.shape();
        if (ms.length != 1) {
            throw new FileFormatException(file + ": 'mu' must be a 1-D array, found shape " + Arrays.toString(ms));
        }
        if (ss.length != 2 || ss[0] != ms[0] || ss[1] != ms[0]) {
            throw new FileFormatException(file + ": 'sigma' must be a " + ms[0] + "×" + ms[0] + " matrix to match 'mu'"
                    + " of length " + ms[0] + ", found mu " + Arrays.toString(ms) + " and sigma " + Arrays.toString(ss));
        }
        if (expectedDim >= 0 && ms[0] != expectedDim) {
            throw new FileFormatException(file + ": statistics of dimension " + ms[0] + ", expected " + expectedDim
                    + " to match the other side");
        }
        DType sigmaType = sigmaHeader.dtype();
        if (sigmaType == null || !sigmaType.isFloating()) {
            throw new FileFormatException(file + ": 'sigma' must be a float " + ms[0] + "×" + ms[0] + " matrix to match"
                    + " 'mu' of length " + ms[0] + ", found " + sigmaHeader.descriptor() + " " + Arrays.toString(ss));
        }
        NpyArray mu = Npz.read(file, "mu");
        if (mu.ndim() != 1 || !mu.dtype().isFloating()) {
            throw new FileFormatException(file + ": 'mu' must be a 1-D float array, found " + mu.descriptor() + " "
                    + Arrays.toString(mu.shape()));
        }
        double[] mean = mu.toDoubleArray();
        try {
            StatsChecks.requireMean(mean);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file + ": " + e.getMessage(), e);
        }
        Metadata meta = headers.containsKey(METADATA_KEY) ? parseMetadata(file, Npz.read(file, METADATA_KEY))
                : new Metadata(StatsProvenance.unknown(), 0);
        return new StoredStats(file, mean, meta.count(), meta.provenance());
    }

    /** Reads only the metadata (unknown provenance for files without it). */
    public static StatsProvenance readProvenance(Path file) throws IOException {
        if (!Npz.keys(file).contains(METADATA_KEY)) {
            return StatsProvenance.unknown();
        }
        return parseMetadata(file, Npz.read(file, METADATA_KEY)).provenance();
    }

    /** Writes statistics (float64 {@code mu}, {@code sigma} and the metadata), atomically, uncompressed. */
    public static void write(Path file, GaussianStats stats) throws IOException {
        write(file, stats, false);
    }

    /**
     * Writes statistics atomically.
     *
     * @param compressed DEFLATED entries as {@code numpy.savez_compressed} (smaller, slower)
     */
    public static void write(Path file, GaussianStats stats, boolean compressed) throws IOException {
        write(file, stats, compressed, Map.of());
    }

    /**
     * Writes statistics atomically, with extra metadata entries after the standard ones (e.g. how a
     * distributed computation was partitioned). Readers ignore entries they do not know.
     *
     * @param extra entries of strings, numbers or booleans; a standard key is refused
     */
    public static void write(Path file, GaussianStats stats, boolean compressed, Map<String, ?> extra) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        int d = stats.dim();
        arrays.put("mu", NpyArray.ofDoubles(stats.mean(), d));
        arrays.put("sigma", NpyArray.ofDoubles(stats.covariance(), d, d));
        arrays.put(METADATA_KEY, NpyArray.ofString(metadataJson(stats, extra)));
        Npz.write(file, arrays, compressed);
    }

    /** The metadata JSON written for {@code stats}. */
    public static String metadataJson(GaussianStats stats) {
        return metadataJson(stats, Map.of());
    }

    /** The metadata JSON written for {@code stats} with extra entries (see {@link #write(Path, GaussianStats, boolean, Map)}). */
    public static String metadataJson(GaussianStats stats, Map<String, ?> extra) {
        StatsProvenance p = stats.provenance();
        ObjectNode o = Writer.JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("format_version", FORMAT_VERSION);
        o.put("library_version", GanEval4j.version());
        o.put("extractor", p.extractor());
        o.put("layer", p.layer());
        o.put("dims", stats.dim());
        o.put("weights_sha256", p.weightsSha256());
        o.put("resize_mode", p.resizeMode());
        o.put("sample_count", stats.count());
        o.put("dataset_id", p.datasetId());
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            if (o.has(e.getKey()) || e.getKey().equals("created")) {
                throw new IllegalArgumentException("extra metadata must not replace the standard entry '" + e.getKey() + "'");
            }
            Object v = e.getValue();
            if (v instanceof Integer || v instanceof Long) {
                o.put(e.getKey(), ((Number) v).longValue());
            } else if (v instanceof Number n) {
                o.put(e.getKey(), n.doubleValue());
            } else if (v instanceof Boolean b) {
                o.put(e.getKey(), b);
            } else if (v instanceof String str) {
                o.put(e.getKey(), str);
            } else {
                throw new IllegalArgumentException("extra metadata '" + e.getKey() + "' must be a string, number or boolean, found "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        o.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            return Writer.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Metadata(StatsProvenance provenance, long count) {
    }

    /** The data-binding mapper, loaded only when metadata is written. */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private static Metadata parseMetadata(Path file, NpyArray entry) throws FileFormatException {
        if (entry.dtype() != DType.UNICODE) {
            throw new FileFormatException(file + ": '" + METADATA_KEY + "' must be a unicode string, found "
                    + entry.descriptor());
        }
        Map<String, Object> o;
        try {
            o = topLevelScalars(entry.toUnicodeString());
        } catch (JsonProcessingException e) {
            throw new FileFormatException(file + ": '" + METADATA_KEY + "' is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FileFormatException(file + ": '" + METADATA_KEY + "' could not be parsed: " + e.getMessage());
        }
        if (o == null) {
            throw new FileFormatException(file + ": '" + METADATA_KEY + "' must be a JSON object");
        }
        Object format = o.get("format");
        if (!FORMAT.equals(format)) {
            throw new FileFormatException(file + ": metadata format '" + (format == null ? "" : format) + "', expected '"
                    + FORMAT + "'");
        }
        long version = integer(o.get("format_version"), -1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new FileFormatException(file + ": statistics file format version " + version
                    + " is not supported by ganeval4j " + GanEval4j.version() + " (reads versions 1 to "
                    + FORMAT_VERSION + ")");
        }
        StatsProvenance p = new StatsProvenance(text(o, "extractor"), text(o, "layer"),
                (int) integer(o.get("dims"), 0), text(o, "weights_sha256"), text(o, "resize_mode"),
                text(o, "dataset_id"), text(o, "library_version"));
        return new Metadata(p, Math.max(0, integer(o.get("sample_count"), 0)));
    }

    /**
     * The scalar members of a JSON object (strings, numbers, booleans; null for JSON null), nested
     * values skipped; null when the document is not an object.
     */
    private static Map<String, Object> topLevelScalars(String json) throws IOException {
        try (JsonParser p = JSON_FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (t) {
                    case VALUE_STRING -> out.put(name, p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.put(name, p.getNumberValue());
                    case VALUE_TRUE, VALUE_FALSE -> out.put(name, t == JsonToken.VALUE_TRUE);
                    case VALUE_NULL -> out.put(name, null);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected content after the object");
            }
            return out;
        }
    }

    /** A number as a long (truncated, as Jackson's {@code asLong}), or {@code otherwise} when it is none. */
    private static long integer(Object v, long otherwise) {
        return v instanceof Number n ? n.longValue() : otherwise;
    }

    private static String text(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null ? null : v.toString();
    }
}
