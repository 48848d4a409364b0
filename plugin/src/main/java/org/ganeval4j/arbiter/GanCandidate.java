package org.ganeval4j.arbiter;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ganeval4j.gan.GanConfig;

/**
 * One point of a {@link GanSearchSpace}: the searched hyperparameters by name, in the space's order,
 * and the {@link GanConfig} they make — or, when they make none (β1 = 1, a zero batch size), the
 * reason. An invalid combination is not an error of the search: the {@link GanTaskCreator} records
 * it as a failed candidate and the sweep goes on. Serializable, as Arbiter requires of candidate
 * values.
 *
 * @param hyperparameters the searched values (Integer, Double or the architecture), unmodifiable
 * @param config          the configuration, or null when the values are invalid
 * @param invalid         why the values make no configuration, or null
 */
public record GanCandidate(Map<String, Serializable> hyperparameters, GanConfig config, String invalid)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public GanCandidate {
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        if ((config == null) == (invalid == null)) {
            throw new IllegalArgumentException("a candidate has either a configuration or the reason it has none, got "
                    + (config == null ? "neither" : "both"));
        }
    }

    /** A valid candidate. */
    public static GanCandidate of(Map<String, Serializable> hyperparameters, GanConfig config) {
        return new GanCandidate(hyperparameters, Objects.requireNonNull(config, "config"), null);
    }

    /** Values that make no configuration, with the reason. */
    public static GanCandidate invalid(Map<String, Serializable> hyperparameters, String reason) {
        return new GanCandidate(hyperparameters, null, Objects.requireNonNull(reason, "reason"));
    }

    /** True when the values make a configuration. */
    public boolean valid() {
        return config != null;
    }
}
