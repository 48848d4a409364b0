package org.ganeval4j.metric;

import java.util.Objects;
import org.ganeval4j.Beta;

/**
 * One scored answer of a HYPE session: an evaluator saw one image, real or generated, and judged it
 * real or fake. Tutorial, qualification and attention-check answers are not judgments in this sense;
 * they decide who is scored, not the score.
 *
 * @param evaluator  the evaluator's name or id (not blank)
 * @param block      the HYPE_time staircase block, from 0 (always 0 for HYPE∞)
 * @param fake       true when the image was generated
 * @param judgedFake true when the evaluator answered "fake"
 * @param exposureMs the staircase exposure of the trial in milliseconds (HYPE_time), NaN for an
 *                   unlimited exposure (HYPE∞)
 */
@Beta
public record HypeJudgment(String evaluator, int block, boolean fake, boolean judgedFake, double exposureMs) {
    public HypeJudgment {
        Objects.requireNonNull(evaluator, "evaluator");
        if (evaluator.isBlank()) {
            throw new IllegalArgumentException("evaluator must not be blank");
        }
        if (block < 0) {
            throw new IllegalArgumentException("block must be >= 0, got " + block);
        }
        if (!Double.isNaN(exposureMs) && !(exposureMs > 0 && Double.isFinite(exposureMs))) {
            throw new IllegalArgumentException("exposure must be a positive number of milliseconds or NaN (unlimited), got "
                    + exposureMs);
        }
    }

    /** A HYPE∞ judgment (unlimited exposure, block 0). */
    public static HypeJudgment unlimited(String evaluator, boolean fake, boolean judgedFake) {
        return new HypeJudgment(evaluator, 0, fake, judgedFake, Double.NaN);
    }

    /** True when the answer was wrong: a fake judged real or a real image judged fake. */
    public boolean error() {
        return fake != judgedFake;
    }
}
