package org.ganeval4j.spark.internal;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Objects that are expensive to build (feature extractors, generators) kept for the life of an
 * executor JVM: a task borrows one and gives it back, so each is built once per task slot (the
 * networks are not thread safe, and a slot runs one task at a time). Thread safe.
 */
public final class JvmPool {
    private static final Map<Object, Queue<Object>> IDLE = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger BUILT = new java.util.concurrent.atomic.AtomicInteger();

    private JvmPool() {
    }

    /** Builds a value (may throw). */
    @FunctionalInterface
    public interface Factory<V> {
        V create() throws Exception;
    }

    /** An idle value for {@code key}, or a new one. */
    @SuppressWarnings("unchecked")
    public static <V> V borrow(Object key, Factory<V> factory) throws Exception {
        Object v = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (v != null) {
            return (V) v;
        }
        BUILT.incrementAndGet();
        return factory.create();
    }

    /** Gives a value back for the next task. */
    public static void release(Object key, Object value) {
        IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(value);
    }

    /** Values built in this JVM so far (for tests and the benchmark). */
    public static int built() {
        return BUILT.get();
    }
}
