package org.ganeval4j.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ganeval4j.cli.Main;

/**
 * The {@code spark-submit} entry point of {@code ganeval4j stats}: the same options and output, run on
 * the cluster spark-submit configured ({@code --master}); {@code --spark MASTER} may still override it.
 *
 * <pre>spark-submit --class org.ganeval4j.spark.StatsJob --master spark://HOST:7077 \
 *   --jars "$(echo spark/target/lib/*.jar | tr ' ' ,)" spark/target/ganeval4j-spark.jar \
 *   hdfs:///data/ffhq/ -o ffhq.npz --partitions 400 --progress</pre>
 *
 * Exits with the CLI's codes: 0, 2 for bad input, 1 for an internal failure.
 */
public final class StatsJob {
    private StatsJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code ganeval4j stats ARGS} on the configured cluster and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> all = new ArrayList<>();
        all.add("stats");
        all.addAll(Arrays.asList(args));
        if (!all.contains("--spark") && all.stream().noneMatch(a -> a.startsWith("--spark="))
                && !all.contains("-h") && !all.contains("--help")) {
            all.add("--spark");
            all.add("spark-submit");
        }
        return Main.run(all.toArray(new String[0]), out, err);
    }
}
