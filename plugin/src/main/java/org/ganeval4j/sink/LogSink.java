package org.ganeval4j.sink;

import java.util.Locale;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLF4J INFO line per evaluation, e.g.
 * {@code ganeval4j iteration 200 (epoch 0): FID 123.45 (N=500, 3.2 s) | LPIPS-diversity 0.4123 ± 0.0051};
 * failures at WARN with the reason.
 */
public final class LogSink implements MetricSink {
    private final Logger log;

    /** Logs to the {@code org.ganeval4j} logger. */
    public LogSink() {
        this(LoggerFactory.getLogger("org.ganeval4j"));
    }

    /** Logs to the given logger. */
    public LogSink(Logger log) {
        this.log = log;
    }

    @Override
    public void accept(Evaluation e) {
        StringBuilder sb = new StringBuilder("ganeval4j iteration ").append(e.iteration()).append(" (epoch ")
                .append(e.epoch()).append("): ");
        for (int i = 0; i < e.results().size(); i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(format(e.results().get(i)));
        }
        if (e.ok()) {
            log.info(sb.toString());
        } else {
            log.warn(sb.toString());
        }
    }

    /** One result as text. */
    public static String format(MetricResult r) {
        if (!r.ok()) {
            return r.name() + " FAILED (" + r.failure() + ")";
        }
        String v = String.format(Locale.ROOT, "%.6g", r.value());
        if (Double.isFinite(r.std())) {
            v += String.format(Locale.ROOT, " ± %.2g", r.std());
        }
        return String.format(Locale.ROOT, "%s %s (N=%d, %.1f s)", r.name(), v, r.samples(), r.seconds());
    }

    @Override
    public String name() {
        return "log";
    }
}
