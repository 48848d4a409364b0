package org.ganeval4j.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric described by name and options, as the command line writes it ({@code ganeval4j eval
 * --metrics fid,kid:subsets=50,lpips-diversity:net=squeeze:pairs=2000}) and as a saved generator
 * records the metrics it was evaluated with, so that the evaluation can be rebuilt:
 * {@code kind[:key=value]…}. Kinds and keys are lower-case words with dashes; values hold no
 * {@code :} or {@code ,}.
 *
 * @param kind    the metric kind, e.g. {@code fid}, {@code kid}, {@code is}, {@code pr}, {@code prdc},
 *                {@code lpips-diversity}
 * @param options option name → value, in order (unmodifiable)
 */
public record MetricSpec(String kind, Map<String, String> options) {
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");

    public MetricSpec {
        Objects.requireNonNull(kind, "kind");
        if (!WORD.matcher(kind).matches()) {
            throw new IllegalArgumentException("a metric kind is a lower-case word such as fid or lpips-diversity, got '"
                    + kind + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : Objects.requireNonNull(options, "options").entrySet()) {
            if (!WORD.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("a metric option name is a lower-case word, got '" + e.getKey()
                        + "' in " + kind);
            }
            String v = Objects.requireNonNull(e.getValue(), e.getKey());
            if (v.isEmpty() || v.contains(":") || v.contains(",")) {
                throw new IllegalArgumentException("option " + e.getKey() + " of " + kind + " needs a value without ':'"
                        + " or ',', got '" + v + "'");
            }
            copy.put(e.getKey(), v);
        }
        options = Collections.unmodifiableMap(copy);
    }

    /** A metric without options. */
    public static MetricSpec of(String kind) {
        return new MetricSpec(kind, Map.of());
    }

    /** The same with one more option (replacing an option of that name). */
    public MetricSpec with(String key, Object value) {
        Map<String, String> m = new LinkedHashMap<>(options);
        m.put(key, String.valueOf(value));
        return new MetricSpec(kind, m);
    }

    /**
     * The same with the extractor's options: {@code extractor}, and for FID Inception {@code dims} and
     * {@code resize} (the other extractors have one layer and their own resize mode).
     */
    public MetricSpec withExtractor(org.ganeval4j.feature.ExtractorSpec e) {
        MetricSpec s = with("extractor", e.extractor());
        if (e.extractor().equals(org.ganeval4j.feature.FidInceptionV3.ID)) {
            s = s.with("dims", e.dims()).with("resize", e.resizeMode());
        }
        return s;
    }

    /** The same without the named option. */
    public MetricSpec without(String key) {
        Map<String, String> m = new LinkedHashMap<>(options);
        m.remove(key);
        return new MetricSpec(kind, m);
    }

    /**
     * Parses {@code kind[:key=value]…}.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static MetricSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split(":", -1);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0 || eq == parts[i].length() - 1) {
                throw new IllegalArgumentException("expected key=value after ':' in metric '" + text + "', found '"
                        + parts[i] + "'");
            }
            String key = parts[i].substring(0, eq).toLowerCase(Locale.ROOT);
            if (options.put(key, parts[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("option " + key + " given twice in metric '" + text + "'");
            }
        }
        return new MetricSpec(parts[0].toLowerCase(Locale.ROOT), options);
    }

    /** The option's value, or {@code fallback}. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** The integer option, or {@code fallback}; a malformed value is an {@link IllegalArgumentException}. */
    public long longOption(String key, long fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " of " + kind + " must be an integer, got '" + v + "'");
        }
    }

    /** {@code kind[:key=value]…}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind);
        options.forEach((k, v) -> b.append(':').append(k).append('=').append(v));
        return b.toString();
    }
}
