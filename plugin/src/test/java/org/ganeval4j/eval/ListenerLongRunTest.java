package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.lang.ref.WeakReference;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.sink.MetricSink;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 acceptance 3: a listener that runs for a week keeps flat memory (10,000 evaluations), and in
 * background mode an evaluation skipped because the previous one still runs does not skip the final one.
 * The plugin's build runs this class in a JVM of its own (the {@code long-run} execution of Surefire), so that
 * what earlier tests left behind does not count as the listener's heap.
 */
class ListenerLongRunTest {
    static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 3, 8, 8);

    @Test
    void tenThousandEvaluationsKeepNoEvaluationAlive() throws Exception {
        GanEvaluator evaluator = GanEvaluator.builder(Generator.of(TinyNets.generator(1)), FORMAT,
                LatentSpec.normal(TinyNets.LATENT, 1)).samples(16).batchSize(16).previewImages(16)
                .metric(EvaluatorFailuresTest.fine("trivial")).build();
        // every evaluation the listener makes, held weakly: the listener must not keep them (with their previews)
        List<WeakReference<Evaluation>> made = Collections.synchronizedList(new ArrayList<>());
        MetricSink watch = new MetricSink() {
            @Override
            public void accept(Evaluation e) {
                made.add(new WeakReference<>(e));
            }

            @Override
            public String name() {
                return "watch";
            }
        };
        GanMetricsListener l = GanMetricsListener.builder(evaluator).schedule(EvaluationSchedule.everyIterations(1))
                .log(false).sink(watch).build();
        long heapAt1000 = 0;
        for (int i = 1; i <= 10_000; i++) {
            l.iterationCompleted(i, 0);
            if (i == 1_000) {
                heapAt1000 = liveHeap();
            }
        }
        assertThat(l.evaluationCount()).isEqualTo(10_000);
        assertThat(l.latest().orElseThrow().iteration()).isEqualTo(10_000);
        assertThat(l.latest().orElseThrow().samples()).as("the latest keeps its preview").isNotNull();
        long alive = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            Thread.sleep(50);
            alive = made.stream().filter(r -> r.get() != null).count();
            if (alive <= 1) {
                break;
            }
        }
        assertThat(made).hasSize(10_000);
        assertThat(alive).as("evaluations still reachable after 10,000 (only the latest may be)").isLessThanOrEqualTo(1);
        long heapAt10000 = liveHeap();
        // a loose bound on the rest (single heap readings after System.gc() vary by tens of MB on a busy JVM)
        assertThat(heapAt10000 - heapAt1000).as("heap growth over 9,000 evaluations").isLessThan(64L << 20);
        l.finish();
    }

    /**
     * The heap in use after full collections: the least reading, taken once five collections in a row have not
     * lowered it by a megabyte (at most 100). What other threads allocate between a collection and its reading
     * only ever adds to one, and the references ND4J's and JavaCPP's deallocator threads have yet to process
     * (a backlog on a busy machine) shrink as they catch up.
     */
    private static long liveHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        int withoutProgress = 0;
        for (int i = 0; i < 100 && withoutProgress < 5; i++) {
            System.gc();
            Thread.sleep(20);
            long used = rt.totalMemory() - rt.freeMemory();
            withoutProgress = used < least - (1L << 20) ? 0 : withoutProgress + 1;
            least = Math.min(least, used);
        }
        return least;
    }

    @Test
    void aSkippedLastEvaluationStillRunsTheFinalOne() throws Exception {
        GanMetric slow = EvaluatorFailuresTest.failing("slow", () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        GanEvaluator evaluator = GanEvaluator.builder(Generator.of(TinyNets.generator(1)), FORMAT,
                LatentSpec.normal(TinyNets.LATENT, 1)).samples(4).batchSize(4).metric(slow).build();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        MetricSink collect = new MetricSink() {
            @Override
            public void accept(Evaluation e) {
                seen.add(e.iteration());
            }

            @Override
            public String name() {
                return "collector";
            }
        };
        GanMetricsListener l = GanMetricsListener.builder(evaluator).schedule(EvaluationSchedule.everyIterations(1))
                .background(true).log(false).sink(collect).build();
        l.iterationCompleted(1, 0);
        l.iterationCompleted(2, 0);
        l.iterationCompleted(3, 0);
        l.finish();
        assertThat(seen).as("1 runs, 2 and 3 are skipped while it runs, the final evaluation is 3").containsExactly(1L, 3L);
    }
}
