package org.ganeval4j.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, unmodifiable copies of the {@code details} of {@link MetricValue} and {@link MetricResult}. */
final class Details {
    private Details() {
    }

    /** An unmodifiable deep copy (insertion order kept); null gives an empty map. */
    static Map<String, Object> freeze(Map<String, ?> details) {
        if (details == null || details.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : details.entrySet()) {
            out.put(java.util.Objects.requireNonNull(e.getKey(), "details key"), value(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object value(String key, Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? (Object) d : null;
        }
        if (v instanceof int[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (int x : a) {
                l.add(x);
            }
            return Collections.unmodifiableList(l);
        }
        if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (double x : a) {
                l.add(Double.isFinite(x) ? (Object) x : null);
            }
            return Collections.unmodifiableList(l);
        }
        if (v instanceof List<?> list) {
            List<Object> l = new ArrayList<>(list.size());
            for (Object x : list) {
                l.add(value(key, x));
            }
            return Collections.unmodifiableList(l);
        }
        if (v instanceof Map<?, ?> m) {
            return freeze((Map<String, ?>) m);
        }
        throw new IllegalArgumentException("details '" + key + "' must be a number, string, boolean, list or map, found "
                + v.getClass().getName());
    }
}
