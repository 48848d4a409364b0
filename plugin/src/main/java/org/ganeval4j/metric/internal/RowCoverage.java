package org.ganeval4j.metric.internal;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stream positions a mergeable accumulator has been offered, as disjoint half-open intervals
 * [from, to); adjacent intervals are joined, so a stream fed in order is one interval and a merge
 * of k partitions at most k. Offering a position twice is refused: two accumulators that both saw
 * a row cannot be merged without counting it twice. Not thread safe.
 */
public final class RowCoverage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<Long, Long> intervals = new TreeMap<>();
    private long count;

    /** Positions offered so far. */
    public long count() {
        return count;
    }

    /** One past the largest position offered, 0 when none. */
    public long end() {
        return intervals.isEmpty() ? 0 : intervals.lastEntry().getValue();
    }

    /** Number of disjoint intervals (1 for a stream fed in order). */
    public int intervals() {
        return intervals.size();
    }

    /**
     * Checks that [from, to) overlaps nothing offered so far.
     *
     * @throws IllegalArgumentException naming the overlap
     */
    public void requireFree(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected stream positions 0 <= from <= to, found [" + from + ", " + to + ")");
        }
        if (from == to) {
            return;
        }
        Map.Entry<Long, Long> before = intervals.floorEntry(from);
        if (before != null && before.getValue() > from) {
            throw overlap(from, to, before.getKey(), before.getValue());
        }
        Map.Entry<Long, Long> after = intervals.ceilingEntry(from);
        if (after != null && after.getKey() < to) {
            throw overlap(from, to, after.getKey(), after.getValue());
        }
    }

    /** Records [from, to) after {@link #requireFree} (which it calls). */
    public void add(long from, long to) {
        requireFree(from, to);
        if (from == to) {
            return;
        }
        long start = from;
        long stop = to;
        Map.Entry<Long, Long> before = intervals.floorEntry(from);
        if (before != null && before.getValue() == from) {
            start = before.getKey();
            intervals.remove(before.getKey());
        }
        Long next = intervals.get(to);
        if (next != null) {
            stop = next;
            intervals.remove(to);
        }
        intervals.put(start, stop);
        count += to - from;
    }

    /** Checks that {@code other} shares no position with this coverage. */
    public void requireDisjoint(RowCoverage other) {
        for (Map.Entry<Long, Long> e : other.intervals.entrySet()) {
            requireFree(e.getKey(), e.getValue());
        }
    }

    /** Adds every interval of {@code other} (after {@link #requireDisjoint}, which it calls). */
    public void addAll(RowCoverage other) {
        requireDisjoint(other);
        for (Map.Entry<Long, Long> e : other.intervals.entrySet()) {
            add(e.getKey(), e.getValue());
        }
    }

    /** Forgets everything. */
    public void clear() {
        intervals.clear();
        count = 0;
    }

    private static IllegalArgumentException overlap(long from, long to, long f, long t) {
        return new IllegalArgumentException("stream positions [" + from + ", " + to + ") overlap [" + f + ", " + t
                + "), which were offered already: every row must have its own position (give parallel parts"
                + " disjoint first positions)");
    }

    @Override
    public String toString() {
        return intervals.toString();
    }
}
