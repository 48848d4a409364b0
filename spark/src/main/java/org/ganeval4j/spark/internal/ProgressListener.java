package org.ganeval4j.spark.internal;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;

/**
 * Progress of a ganeval4j job on stderr, from Spark's listener bus: one line per finished task (at
 * most one a second, and the last), with partitions done, images, rate and ETA; failed task attempts
 * are reported with the reason Spark gives (they are retried).
 */
public final class ProgressListener extends SparkListener {
    private final PrintWriter err;
    private final String jobGroup;
    private final int partitions;
    private final long images;
    private final LongAccumulator done;
    private final long t0 = System.nanoTime();
    private int finished;
    private long lastLine;

    public ProgressListener(PrintWriter err, String jobGroup, int partitions, long images, LongAccumulator done) {
        this.err = err;
        this.jobGroup = jobGroup;
        this.partitions = partitions;
        this.images = images;
        this.done = done;
    }

    /** The stage that runs the partitions (the first of our job); -1 before it starts. */
    private volatile int stage = -1;

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        String g = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.jobGroup.id");
        if (jobGroup.equals(g)) {
            int first = Integer.MAX_VALUE;
            for (Object id : scala.collection.JavaConverters.seqAsJavaList(jobStart.stageIds())) {
                first = Math.min(first, (Integer) id);
            }
            stage = first;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        if (e.stageId() != stage) {
            return;
        }
        if (!e.taskInfo().successful()) {
            err.println("ganeval4j: spark: task of partition " + e.taskInfo().partitionId() + " failed (attempt "
                    + e.taskInfo().attemptNumber() + "): " + e.reason().toString().replace('\n', ' ') + "; Spark retries it");
            err.flush();
            return;
        }
        finished++;
        long now = System.nanoTime();
        if (finished < partitions && now - lastLine < 1_000_000_000L) {
            return;
        }
        lastLine = now;
        double s = (now - t0) / 1e9;
        long n = Math.min(done.value(), images);
        double rate = n / Math.max(s, 1e-9);
        String eta = n > 0 && n < images ? ", ETA " + duration((images - n) / rate) : "";
        err.println(String.format(Locale.ROOT, "ganeval4j: spark: %d/%d partitions, %d/%d images, %.1f img/s%s",
                Math.min(finished, partitions), partitions, n, images, rate, eta));
        err.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
