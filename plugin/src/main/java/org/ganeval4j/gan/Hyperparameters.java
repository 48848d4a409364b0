package org.ganeval4j.gan;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Named hyperparameter values — one candidate of a sweep — as a {@link GanFactory} reads them:
 * {@code getDouble("generatorLr")}, {@code getInt("width", 64)}, {@code getEnum("architecture",
 * Architecture.class, MLP)}. Values are {@code Serializable}, as Arbiter requires of candidates;
 * numbers convert between types where no information is lost (an integral {@code 64.0} reads as
 * {@code 64}, an {@code Integer} as a {@code double}); anything else is an
 * {@link IllegalArgumentException} naming the value, what was expected and what was found.
 *
 * @param values name → value, in order (unmodifiable)
 */
public record Hyperparameters(Map<String, Serializable> values) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Hyperparameters {
        Map<String, Serializable> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Serializable> e : Objects.requireNonNull(values, "values").entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("hyperparameter names must not be blank, got " + values.keySet());
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()));
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** The given values. */
    public static Hyperparameters of(Map<String, ? extends Serializable> values) {
        return new Hyperparameters(new LinkedHashMap<>(values));
    }

    /** No values: every factory default applies. */
    public static Hyperparameters none() {
        return new Hyperparameters(Map.of());
    }

    /** The same with one more value (replacing one of that name). */
    public Hyperparameters with(String name, Serializable value) {
        Map<String, Serializable> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Hyperparameters(m);
    }

    /** True when {@code name} has a value. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}. */
    public Serializable get(String name) {
        Serializable v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no hyperparameter '" + name + "' (given: " + values.keySet() + ")");
        }
        return v;
    }

    /** A number, as a double. */
    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    /** A number as a double, or {@code fallback} when not given. */
    public double getDouble(String name, double fallback) {
        return has(name) ? getDouble(name) : fallback;
    }

    /** An integral number, as an int. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    /** An integral number as an int, or {@code fallback} when not given. */
    public int getInt(String name, int fallback) {
        return has(name) ? getInt(name) : fallback;
    }

    /** An integral number, as a long. */
    public long getLong(String name) {
        Number n = number(name);
        double d = n.doubleValue();
        if (n instanceof Double || n instanceof Float) {
            if (d != Math.rint(d) || Math.abs(d) > 0x1p53) {
                throw new IllegalArgumentException("hyperparameter '" + name + "' must be an integer, got " + n);
            }
            return (long) d;
        }
        return n.longValue();
    }

    /** An integral number as a long, or {@code fallback} when not given. */
    public long getLong(String name, long fallback) {
        return has(name) ? getLong(name) : fallback;
    }

    /** A string (any value's text), or {@code fallback} when not given. */
    public String getString(String name, String fallback) {
        return has(name) ? String.valueOf(get(name)) : fallback;
    }

    /** An enum constant (the constant itself, or its name in any case), or {@code fallback} when not given. */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type, E fallback) {
        if (!has(name)) {
            return fallback;
        }
        Serializable v = get(name);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        try {
            return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", got " + v);
        }
    }

    /**
     * Refuses names a factory does not know, so that a misspelt hyperparameter of a sweep fails
     * loudly instead of being ignored.
     */
    public void requireKnown(Collection<String> known) {
        for (String n : values.keySet()) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + n + "' (known: " + known + ")");
            }
        }
    }

    private Number number(String name) {
        Serializable v = get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be a number, got " + v + " ("
                    + v.getClass().getSimpleName() + ")");
        }
        return n;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
