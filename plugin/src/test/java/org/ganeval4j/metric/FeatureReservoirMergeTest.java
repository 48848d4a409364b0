package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link FeatureReservoir} that make it a distributed accumulator: filled in parts over
 * any partitioning of the stream, in any batch sizes, merged in any order and shape, it holds exactly
 * what one sequential pass holds.
 */
class FeatureReservoirMergeTest {
    private static final int D = 5;

    /** Row t: (t, noise of t…), so a kept row names its stream position. */
    private static float[] rows(long first, int count, long noiseSeed) {
        float[] x = new float[count * D];
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(noiseSeed * 1_000_003L + first + i);
            x[i * D] = first + i;
            for (int c = 1; c < D; c++) {
                x[i * D + c] = (float) r.nextDouble(-1, 1);
            }
        }
        return x;
    }

    static Stream<Arguments> cases() {
        // (property seed, rows, capacity, reservoir seed): fewer, as many and more rows than the capacity
        return Stream.of(Arguments.of(1L, 3000, 250, 2020L), Arguments.of(2L, 3000, 250, 7L), Arguments.of(3L, 1000, 1000, 2020L),
                Arguments.of(4L, 400, 1000, 11L), Arguments.of(5L, 10_000, 64, 42L), Arguments.of(6L, 777, 1, 3L),
                Arguments.of(7L, 5000, 4999, 2020L), Arguments.of(8L, 2500, 300, -5L));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anyPartitioningMergedInAnyOrderEqualsOnePass(long property, int n, int capacity, long seed) {
        SplittableRandom r = new SplittableRandom(property);
        FeatureReservoir one = FeatureReservoir.builder(capacity, D).seed(seed).build();
        one.add(rows(0, n, property), n);

        for (int trial = 0; trial < 5; trial++) {
            int parts = 1 + r.nextInt(12);
            long[] cuts = cuts(n, parts, r);
            List<FeatureReservoir> partial = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                long from = cuts[p];
                long to = cuts[p + 1];
                FeatureReservoir res = FeatureReservoir.builder(capacity, D).seed(seed).firstPosition(from).build();
                for (long at = from; at < to; ) {
                    int b = (int) Math.min(to - at, 1 + r.nextInt(200));
                    res.add(rows(at, b, property), b);
                    at += b;
                }
                partial.add(res);
            }
            FeatureReservoir merged = mergeRandomly(partial, r);
            assertThat(merged.seen()).isEqualTo(n);
            assertThat(merged.keptPositions()).containsExactly(one.keptPositions());
            assertThat(merged.snapshot().toArray()).containsExactly(one.snapshot().toArray());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gapsAndExplicitPositionsEqualOnePassWithTheSameGaps(long property, int n, int capacity, long seed) {
        SplittableRandom r = new SplittableRandom(property + 100);
        // a stream with holes (inputs that could not be read): every 7th position and a random run are missing
        List<long[]> runs = new ArrayList<>();
        long at = 0;
        while (at < n) {
            int len = (int) Math.min(n - at, 1 + r.nextInt(40));
            runs.add(new long[] {at, len});
            at += len + (r.nextInt(7) == 0 ? 1 + r.nextInt(5) : 0);
        }
        FeatureReservoir one = FeatureReservoir.builder(capacity, D).seed(seed).build();
        for (long[] run : runs) {
            one.add(run[0], rows(run[0], (int) run[1], property), (int) run[1]);
        }
        // the same runs shared round-robin between 4 parts, each fed in reverse order
        List<FeatureReservoir> partial = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            partial.add(FeatureReservoir.builder(capacity, D).seed(seed).build());
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            long[] run = runs.get(i);
            partial.get(i % 4).add(run[0], rows(run[0], (int) run[1], property), (int) run[1]);
        }
        FeatureReservoir merged = mergeRandomly(partial, r);
        assertThat(merged.seen()).isEqualTo(one.seen());
        assertThat(merged.keptPositions()).containsExactly(one.keptPositions());
        assertThat(merged.snapshot().toArray()).containsExactly(one.snapshot().toArray());
    }

    @Test
    void serializedHalfwayItContinuesAndMergesAsTheOriginal() throws Exception {
        FeatureReservoir a = FeatureReservoir.builder(100, D).seed(5).build();
        a.add(rows(0, 700, 1), 700);
        FeatureReservoir copy = roundTrip(a);
        assertThat(copy.keptPositions()).containsExactly(a.keptPositions());
        a.add(rows(700, 300, 1), 300);
        copy.add(rows(700, 300, 1), 300);
        FeatureReservoir b = FeatureReservoir.builder(100, D).seed(5).firstPosition(1000).build();
        b.add(rows(1000, 500, 1), 500);
        a.merge(b);
        copy.merge(roundTrip(b));
        assertThat(copy.seen()).isEqualTo(1500);
        assertThat(copy.snapshot().toArray()).containsExactly(a.snapshot().toArray());
        assertThat(copy.nextPosition()).isEqualTo(1500);
    }

    /** Over many seeds every position is kept with probability capacity / n (chi-square, 99 dof, p ≈ 1e-4 at 148). */
    @Test
    void everyPositionIsKeptWithEqualProbability() {
        int n = 100;
        int capacity = 10;
        int seeds = 4000;
        int[] kept = new int[n];
        for (long s = 0; s < seeds; s++) {
            FeatureReservoir res = FeatureReservoir.builder(capacity, D).seed(s).build();
            res.add(rows(0, n, 0), n);
            for (long t : res.keptPositions()) {
                kept[(int) t]++;
            }
        }
        double expected = (double) seeds * capacity / n;
        double chi2 = Arrays.stream(kept).mapToDouble(k -> (k - expected) * (k - expected) / expected).sum();
        assertThat(chi2).isLessThan(148.0);
    }

    private static long[] cuts(int n, int parts, SplittableRandom r) {
        long[] c = new long[parts + 1];
        for (int i = 1; i < parts; i++) {
            c[i] = r.nextInt(n + 1);
        }
        c[parts] = n;
        Arrays.sort(c);
        return c;
    }

    /** Merges the parts pairwise, in a random order and tree shape. */
    private static FeatureReservoir mergeRandomly(List<FeatureReservoir> parts, SplittableRandom r) {
        List<FeatureReservoir> left = new ArrayList<>(parts);
        while (left.size() > 1) {
            FeatureReservoir a = left.remove(r.nextInt(left.size()));
            FeatureReservoir b = left.remove(r.nextInt(left.size()));
            a.merge(b);
            left.add(a);
        }
        return left.get(0);
    }

    private static FeatureReservoir roundTrip(FeatureReservoir r) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FeatureReservoir) in.readObject();
        }
    }
}
