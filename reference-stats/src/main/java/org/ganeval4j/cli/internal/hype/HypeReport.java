package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ganeval4j.metric.Hype;
import org.ganeval4j.metric.HypeJudgment;
import org.ganeval4j.metric.HypeResult;

/**
 * The report of a HYPE session: every evaluator's status (scored, excluded and why, or still in
 * progress) and the score with its 95% bootstrap interval over the scored evaluators. Evaluators who
 * failed the qualification or the attention checks are excluded from the score and kept in the raw
 * data; evaluators who have not answered every trial are not scored yet.
 *
 * @param config   the session's protocol
 * @param result   the score of the scored evaluators, or null while there is none
 * @param rows     one row per evaluator, in order of first answer
 */
public record HypeReport(HypeConfig config, HypeResult result, List<Row> rows) {
    public HypeReport {
        rows = List.copyOf(rows);
    }

    /**
     * One evaluator.
     *
     * @param name          name or id
     * @param status        {@code scored}, {@code in progress}, {@code not qualified} or {@code inattentive}
     * @param reason        why excluded or how far along, for people
     * @param answered      trials answered
     * @param total         trials in the evaluator's plan
     * @param qualRealPct   real qualification images judged real, percent (NaN without)
     * @param qualFakePct   generated qualification images judged fake, percent (NaN without)
     * @param checksFailed  broken images judged real
     * @param checks        broken images answered
     * @param frameMs       the frame period the page measured, ms
     * @param meanRtMs      mean reaction time over the scored trials, ms (NaN without)
     * @param score         the evaluator's part of the score (scored evaluators only), else null
     */
    public record Row(String name, String status, String reason, int answered, int total, double qualRealPct,
                      double qualFakePct, int checksFailed, int checks, double frameMs, double meanRtMs,
                      HypeResult.EvaluatorScore score) {
        /** True when the evaluator counts in the score. */
        public boolean scored() {
            return "scored".equals(status);
        }
    }

    /** The report of {@code DIR} (its {@code session.json} and {@code trials.jsonl}). */
    public static HypeReport read(Path dir, int replicates, long seed) throws IOException {
        if (!HypeConfig.exists(dir)) {
            throw new IllegalArgumentException(dir + ": no HYPE session here (expected " + HypeConfig.FILE + " from"
                    + " `ganeval4j hype … --out " + dir + "`)");
        }
        return of(HypeConfig.read(dir), TrialLog.read(dir), replicates, seed);
    }

    /** The report of the answers, replayed against the protocol. */
    public static HypeReport of(HypeConfig c, List<TrialRecord> records, int replicates, long seed) {
        Map<String, Progress> by = new LinkedHashMap<>();
        for (TrialRecord r : records) {
            Progress p = by.computeIfAbsent(r.evaluator(), n -> new Progress(c, n));
            try {
                p.accept(r);
            } catch (IllegalArgumentException e) {
                // a line that does not fit the plan is left out here as when the session replays
            }
        }
        List<HypeJudgment> judgments = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Progress p : by.values()) {
            String status;
            String reason;
            if (p.disqualified()) {
                status = "not qualified";
                reason = String.format(Locale.ROOT, "qualification: %.0f%% of real and %.0f%% of generated images right,"
                        + " %.0f%% of each needed", pct(p.qualRealOk, p.qualReal), pct(p.qualFakeOk, p.qualFake),
                        c.qualificationPass() * 100);
            } else if (!p.complete()) {
                status = "in progress";
                reason = p.position() + " of " + p.plan.size() + " trials answered";
            } else if (!p.attentive()) {
                status = "inattentive";
                reason = p.checksFailed + " of " + p.checks + " broken images judged real (at most " + p.checkSlipsAllowed()
                        + " allowed)";
            } else {
                status = "scored";
                reason = "";
                for (TrialRecord r : p.records) {
                    if (r.phase() == HypePlan.Phase.MAIN && r.kind() != HypePlan.Kind.CHECK) {
                        judgments.add(new HypeJudgment(p.name, r.block(), r.kind().isFake(), r.judgedFake(),
                                c.timed() ? r.exposureMs() : Double.NaN));
                    }
                }
            }
            statuses.add(status);
            reasons.add(reason);
        }
        HypeResult result = judgments.isEmpty() ? null
                : c.timed() ? Hype.time(judgments, replicates, seed) : Hype.infinity(judgments, replicates, seed);
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Progress p : by.values()) {
            HypeResult.EvaluatorScore score = null;
            if (result != null) {
                score = result.evaluators().stream().filter(e -> e.evaluator().equals(p.name)).findFirst().orElse(null);
            }
            double rt = p.records.stream().filter(r -> r.phase() == HypePlan.Phase.MAIN && r.kind() != HypePlan.Kind.CHECK)
                    .mapToDouble(TrialRecord::rtMs).filter(Double::isFinite).average().orElse(Double.NaN);
            rows.add(new Row(p.name, statuses.get(i), reasons.get(i), p.position(), p.plan.size(), pct(p.qualRealOk,
                    p.qualReal), pct(p.qualFakeOk, p.qualFake), p.checksFailed, p.checks, p.frameMs, rt, score));
            i++;
        }
        return new HypeReport(c, result, rows);
    }

    private static double pct(int ok, int n) {
        return n == 0 ? Double.NaN : 100.0 * ok / n;
    }

    /** Rows of the evaluators with this status. */
    public List<Row> withStatus(String status) {
        return rows.stream().filter(r -> r.status().equals(status)).toList();
    }

    /** The report as one JSON object. */
    public ObjectNode toJson() {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        HypeResult.Mode mode = config.mode();
        o.put("metric", mode.metricName());
        o.put("mode", config.modeName());
        o.put("unit", mode.unit());
        o.put("direction", "higher_is_better");
        if (result != null) {
            number(o, "score", result.score());
            ArrayNode ci = o.putArray("ci95");
            ci.add(result.ciLow());
            ci.add(result.ciHigh());
            number(o, "standard_error", result.standardError());
            number(o, "fake_error_percent", result.fakeErrorPercent());
            number(o, "real_error_percent", result.realErrorPercent());
            o.put("judgments", result.judgments());
            o.put("bootstrap_replicates", result.replicates());
            o.put("bootstrap_seed", result.seed());
        } else {
            o.putNull("score");
        }
        o.put("evaluators_scored", withStatus("scored").size());
        o.put("evaluators_excluded", withStatus("not qualified").size() + withStatus("inattentive").size());
        o.put("evaluators_in_progress", withStatus("in progress").size());
        ArrayNode ev = o.putArray("evaluators");
        for (Row r : rows) {
            ObjectNode e = ev.addObject();
            e.put("name", r.name());
            e.put("status", r.status());
            if (!r.reason().isEmpty()) {
                e.put("reason", r.reason());
            }
            e.put("answered", r.answered());
            e.put("trials", r.total());
            if (r.score() != null) {
                number(e, "score", r.score().score());
                e.put("judgments", r.score().judgments());
                e.put("errors", r.score().errors());
                number(e, "fake_error_percent", r.score().fakeErrorPercent());
                number(e, "real_error_percent", r.score().realErrorPercent());
                if (!r.score().blockThresholdsMs().isEmpty()) {
                    ArrayNode b = e.putArray("block_thresholds_ms");
                    r.score().blockThresholdsMs().forEach(b::add);
                }
            }
            number(e, "qualification_real_percent", r.qualRealPct());
            number(e, "qualification_fake_percent", r.qualFakePct());
            e.put("checks", r.checks());
            e.put("checks_failed", r.checksFailed());
            number(e, "frame_ms", r.frameMs());
            number(e, "mean_rt_ms", r.meanRtMs());
        }
        ObjectNode p = o.putObject("protocol");
        p.put("images", config.images());
        p.put("blocks", config.blocks());
        p.put("tutorial", config.tutorial());
        p.put("qualification", config.qualification());
        p.put("qualification_pass", config.qualificationPass());
        p.put("checks", config.checks());
        p.put("seed", config.seed());
        return o;
    }

    private static void number(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
