package org.ganeval4j.spark.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.ganeval4j.cli.spi.ClusterStats;
import org.ganeval4j.spark.ExtractorRef;
import org.ganeval4j.spark.ImageInput;
import org.ganeval4j.spark.SparkEvaluation;
import org.ganeval4j.spark.SparkResult;

/**
 * {@code ganeval4j stats … --spark MASTER} (registered for {@link java.util.ServiceLoader}): runs a
 * {@link SparkEvaluation} of the statistics and hands its result to the CLI, which writes it as the
 * local command does, with the partition count in the metadata. Uses the active Spark context when
 * there is one (under {@code spark-submit}), else creates one for the given master and stops it after.
 */
public final class SparkClusterStats implements ClusterStats {
    /** The JVM flags Spark 3.5 needs on Java 17 (as Spark's own launcher adds them). */
    public static final String JAVA_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
            + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
            + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
            + " --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Result compute(Request request, PrintWriter err) throws IOException {
        requireOpens();
        quietLogging();
        SparkConf conf = SparkEvaluation.configure(new SparkConf().setAppName("ganeval4j stats"));
        if (request.master() != null) {
            conf.setMaster(request.master());
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give --spark MASTER (local[*], spark://HOST:PORT, …) or run"
                    + " under spark-submit");
        }
        if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false");
        }
        // SparkContext.getActive is private[spark] in Scala, public in bytecode
        boolean ours = org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty();
        SparkContext context = SparkContext.getOrCreate(conf);
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(context);
            SparkResult r = SparkEvaluation.images(new ImageInput(request.input(), request.limit(), request.seed()),
                            ExtractorRef.of(request.extractor()))
                    .partitions(request.partitions()).datasetId(request.datasetId())
                    .progress(request.progress() ? err : null).build().run(sc);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("partitions", r.partitions());
            return new Result(r.statistics(), r.skipped(), r.description(), meta);
        } finally {
            if (ours) {
                context.stop();
            }
        }
    }

    /** Fails with one line naming the flags when the JVM was started without them. */
    static void requireOpens() {
        Module unnamed = SparkClusterStats.class.getClassLoader().getUnnamedModule();
        Module base = Object.class.getModule();
        if (!base.isOpen("sun.nio.ch", unnamed) || !base.isOpen("java.nio", unnamed)) {
            throw new IllegalArgumentException("Spark on Java 17 needs the JVM flags " + JAVA_OPENS
                    + " (java -jar spark/target/ganeval4j-spark.jar and spark-submit add them)");
        }
    }

    /** Warnings only, unless the user configured Log4j 2 (Spark would otherwise log at INFO). */
    static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") != null || System.getProperty("log4j.configurationFile") != null
                || SparkClusterStats.class.getClassLoader().getResource("log4j2.properties") != null
                || SparkClusterStats.class.getClassLoader().getResource("log4j2.xml") != null) {
            return;
        }
        URL quiet = SparkClusterStats.class.getResource("/org/ganeval4j/spark/log4j2-quiet.properties");
        if (quiet == null || !(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            return;
        }
        try {
            ctx.setConfigLocation(quiet.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
