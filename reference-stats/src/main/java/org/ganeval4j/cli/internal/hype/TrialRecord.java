package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One answer as a line of {@code trials.jsonl}.
 *
 * @param evaluator  the evaluator's name
 * @param position   the trial's position in the evaluator's plan, from 0
 * @param phase      tutorial, qualification or main
 * @param block      the block (HYPE_time; 0 otherwise)
 * @param kind       real, fake or check (a broken generated image)
 * @param image      the image's id ({@code real:12}, {@code fake:7}, {@code check:7})
 * @param judgedFake the answer: true for "fake"
 * @param exposureMs the staircase exposure (HYPE_time main trials; NaN when unlimited)
 * @param frames     display frames the image was shown for (0 when unlimited)
 * @param frameMs    the frame period the page measured, ms (NaN when not reported)
 * @param shownMs    how long the page measured the image was shown, ms (NaN when unlimited)
 * @param rtMs       reaction time from the image's onset to the answer, ms, as the page measured it
 * @param serverMs   from serving the trial to receiving the answer, ms, as the server measured it
 * @param served     how often the trial was sent (more than once after a reload of the page)
 * @param trial      the trial's random id
 * @param servedAt   when the trial was first sent
 * @param answeredAt when the answer arrived
 */
public record TrialRecord(String evaluator, int position, HypePlan.Phase phase, int block, HypePlan.Kind kind, String image,
                          boolean judgedFake, double exposureMs, int frames, double frameMs, double shownMs, double rtMs,
                          double serverMs, int served, String trial, Instant servedAt, Instant answeredAt) {
    /** The line format version. */
    public static final int FORMAT = 1;

    public TrialRecord {
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
    }

    /** True when the answer was right. */
    public boolean correct() {
        return judgedFake == kind.isFake();
    }

    /** The JSON line (without the line break). */
    public String toJson() {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("v", FORMAT);
        o.put("evaluator", evaluator);
        o.put("position", position);
        o.put("phase", phase.label());
        o.put("block", block);
        o.put("kind", kind.label());
        o.put("image", image);
        o.put("truth", kind.isFake() ? "fake" : "real");
        o.put("answer", judgedFake ? "fake" : "real");
        o.put("correct", correct());
        number(o, "exposure_ms", exposureMs);
        o.put("frames", frames);
        number(o, "frame_ms", frameMs);
        number(o, "shown_ms", shownMs);
        number(o, "rt_ms", rtMs);
        number(o, "server_ms", serverMs);
        o.put("served", served);
        o.put("trial", trial);
        o.put("served_at", servedAt.toString());
        o.put("answered_at", answeredAt.toString());
        return o.toString();
    }

    private static void number(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    private static double number(JsonNode o, String k) {
        return o.path(k).isNumber() ? o.get(k).asDouble() : Double.NaN;
    }

    /**
     * Parses a line.
     *
     * @throws IllegalArgumentException for a line that is not a trial of a known format
     */
    public static TrialRecord parse(JsonNode o) {
        int v = o.path("v").asInt(-1);
        if (v < 1 || v > FORMAT) {
            throw new IllegalArgumentException("trial format " + v + " is not supported (reads " + FORMAT + ")");
        }
        for (String k : new String[] {"evaluator", "position", "phase", "kind", "answer", "served_at", "answered_at"}) {
            if (!o.hasNonNull(k)) {
                throw new IllegalArgumentException("missing \"" + k + "\"");
            }
        }
        String answer = o.get("answer").asText();
        if (!answer.equals("fake") && !answer.equals("real")) {
            throw new IllegalArgumentException("answer must be real or fake, found " + answer);
        }
        return new TrialRecord(o.get("evaluator").asText(), o.get("position").asInt(),
                HypePlan.Phase.valueOf(o.get("phase").asText().toUpperCase(java.util.Locale.ROOT)), o.path("block").asInt(0),
                HypePlan.Kind.valueOf(o.get("kind").asText().toUpperCase(java.util.Locale.ROOT)), o.path("image").asText(""),
                answer.equals("fake"), number(o, "exposure_ms"), o.path("frames").asInt(0), number(o, "frame_ms"),
                number(o, "shown_ms"), number(o, "rt_ms"), number(o, "server_ms"), o.path("served").asInt(1),
                o.path("trial").asText(""), Instant.parse(o.get("served_at").asText()),
                Instant.parse(o.get("answered_at").asText()));
    }
}
