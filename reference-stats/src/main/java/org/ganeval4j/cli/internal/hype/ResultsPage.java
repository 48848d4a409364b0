package org.ganeval4j.cli.internal.hype;

import java.util.Locale;
import org.ganeval4j.metric.HypeResult;

/** The results page of a session, rendered on the server (no script). */
final class ResultsPage {
    private ResultsPage() {
    }

    static String html(HypeReport r) {
        HypeConfig c = r.config();
        boolean time = c.timed();
        String title = time ? "HYPE<sub>time</sub>" : "HYPE<sub>∞</sub>";
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>HYPE results</title>")
                .append("<link rel=\"stylesheet\" href=\"hype.css\"></head><body class=\"results\"><main>");
        h.append("<h1>").append(title).append(" results</h1>");
        HypeResult res = r.result();
        if (res == null) {
            h.append("<p class=\"score\" id=\"score\">No evaluator has completed the session yet.</p>");
        } else {
            String unit = time ? " ms" : "%";
            h.append("<p class=\"score\"><span id=\"score\">").append(f1(res.score())).append(unit).append("</span>")
                    .append(" <span class=\"ci\">95% CI <span id=\"ci-low\">").append(f1(res.ciLow())).append("</span>–")
                    .append("<span id=\"ci-high\">").append(f1(res.ciHigh())).append("</span>").append(unit)
                    .append("</span></p>");
            h.append("<p>").append(time
                    ? "The mean over evaluators of their perceptual threshold (the modal exposure of each staircase block,"
                    + " averaged over their blocks): the exposure at which they tell generated images from real ones."
                    : "The share of images judged wrongly: generated images judged real plus real images judged fake, over"
                    + " all judgments. 50% means evaluators cannot tell generated images from real ones.")
                    .append(" Higher is more realistic.</p>");
            h.append("<p>Generated images judged real: <span id=\"fake-error\">").append(f1(res.fakeErrorPercent()))
                    .append("%</span>; real images judged fake: <span id=\"real-error\">").append(f1(res.realErrorPercent()))
                    .append("%</span>; ").append(res.judgments()).append(" judgments from ").append(res.evaluators().size())
                    .append(res.evaluators().size() == 1 ? " evaluator" : " evaluators")
                    .append("; interval: ").append(res.replicates()).append(" bootstrap replicates over evaluators.</p>");
        }
        h.append("<table id=\"evaluators\"><thead><tr><th>evaluator</th><th>status</th><th>")
                .append(time ? "threshold (ms)</th><th>block modes (ms)" : "error rate")
                .append("</th><th>fake judged real</th><th>real judged fake</th><th>qualification real / fake</th>")
                .append("<th>checks missed</th><th>answered</th><th>frame (ms)</th><th>mean RT (ms)</th></tr></thead><tbody>");
        for (HypeReport.Row row : r.rows()) {
            HypeResult.EvaluatorScore s = row.score();
            h.append("<tr data-status=\"").append(esc(row.status())).append("\"><td>").append(esc(row.name())).append("</td><td>")
                    .append(esc(row.status())).append(row.reason().isEmpty() ? "" : "<br><small>" + esc(row.reason()) + "</small>")
                    .append("</td><td class=\"num\">").append(s == null ? "" : f1(s.score()) + (time ? "" : "%"));
            if (time) {
                h.append("</td><td class=\"num\">").append(s == null ? "" : s.blockThresholdsMs().stream().map(ResultsPage::f1)
                        .reduce((a, b) -> a + ", " + b).orElse(""));
            }
            h.append("</td><td class=\"num\">").append(s == null ? "" : f1(s.fakeErrorPercent()) + "%")
                    .append("</td><td class=\"num\">").append(s == null ? "" : f1(s.realErrorPercent()) + "%")
                    .append("</td><td class=\"num\">").append(c.qualification() == 0 ? "–"
                            : pct(row.qualRealPct()) + " / " + pct(row.qualFakePct()))
                    .append("</td><td class=\"num\">").append(row.checksFailed()).append(" of ").append(row.checks())
                    .append("</td><td class=\"num\">").append(row.answered()).append(" / ").append(row.total())
                    .append("</td><td class=\"num\">").append(f1(row.frameMs()))
                    .append("</td><td class=\"num\">").append(f0(row.meanRtMs())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        h.append("<p class=\"small\">Protocol: ").append(time ? c.blocks() + " staircase blocks of " + c.images()
                : c.images() + " scored").append(" images (half real, half generated) per evaluator, ").append(c.checks())
                .append(time ? " attention checks per block, " : " attention checks, ").append(c.tutorial())
                .append(" tutorial images, ").append(c.qualification()).append(" qualification images (")
                .append(Math.round(c.qualificationPass() * 100)).append("% of each kind needed). Zhou et al., HYPE, NeurIPS 2019."
                        + "</p>");
        h.append("</main></body></html>");
        return h.toString();
    }

    private static String f1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "–";
    }

    private static String f0(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "–";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", v) : "–";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
