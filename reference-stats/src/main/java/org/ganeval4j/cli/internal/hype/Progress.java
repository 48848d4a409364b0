package org.ganeval4j.cli.internal.hype;

import java.util.ArrayList;
import java.util.List;
import org.ganeval4j.metric.HypeStaircase;

/**
 * Where one evaluator stands, rebuilt by replaying their answers in order: the position in their
 * plan, the staircase of the current block (HYPE_time), the qualification and attention-check
 * counts. The session and the report both replay with it, so they can never disagree. Not thread safe.
 */
final class Progress {
    final String name;
    final HypePlan plan;
    private final HypeConfig config;
    final List<TrialRecord> records = new ArrayList<>();
    private HypeStaircase staircase;
    private int staircaseBlock = -1;
    int qualReal;
    int qualRealOk;
    int qualFake;
    int qualFakeOk;
    int checks;
    int checksFailed;
    double frameMs = Double.NaN;

    Progress(HypeConfig config, String name) {
        this.config = config;
        this.name = name;
        this.plan = HypePlan.of(config, name);
    }

    /** Answers recorded so far: the position of the next trial. */
    int position() {
        return records.size();
    }

    /** The next trial, or null when the evaluator is finished. */
    HypePlan.Item next() {
        return finished() ? null : plan.get(position());
    }

    /**
     * The staircase exposure of {@code item}, ms: the current block's staircase for scored HYPE_time
     * trials and checks, the staircase's start for HYPE_time tutorial images, NaN (unlimited) otherwise.
     */
    double exposureMs(HypePlan.Item item) {
        if (!config.timed() || item.phase() == HypePlan.Phase.QUALIFICATION) {
            return Double.NaN;
        }
        if (item.phase() == HypePlan.Phase.TUTORIAL) {
            return HypeStaircase.START_MS;
        }
        if (item.block() != staircaseBlock) {
            staircase = new HypeStaircase();
            staircaseBlock = item.block();
        }
        return staircase.exposureMs();
    }

    /**
     * Takes the answer to the trial at {@link #position()}.
     *
     * @throws IllegalArgumentException when the record is not the answer to that trial
     */
    void accept(TrialRecord r) {
        HypePlan.Item item = next();
        if (item == null || r.position() != position() || r.phase() != item.phase() || r.kind() != item.kind()
                || !r.image().equals(item.imageId())) {
            throw new IllegalArgumentException("answer " + r.image() + " at position " + r.position() + " of " + name
                    + " does not match the plan (expected " + (item == null ? "none: finished" : item.imageId()
                    + " at position " + position()) + ")");
        }
        double exposure = exposureMs(item);
        records.add(r);
        if (Double.isFinite(r.frameMs())) {
            frameMs = r.frameMs();
        }
        switch (item.phase()) {
            case TUTORIAL -> { }
            case QUALIFICATION -> {
                if (item.kind().isFake()) {
                    qualFake++;
                    qualFakeOk += r.correct() ? 1 : 0;
                } else {
                    qualReal++;
                    qualRealOk += r.correct() ? 1 : 0;
                }
            }
            case MAIN -> {
                if (item.kind() == HypePlan.Kind.CHECK) {
                    checks++;
                    checksFailed += r.correct() ? 0 : 1;
                } else if (config.timed() && Double.isFinite(exposure)) {
                    staircase.record(r.correct());
                }
            }
        }
    }

    /** True once every tutorial and qualification trial is answered. */
    boolean qualificationDone() {
        return position() >= plan.before(HypePlan.Phase.MAIN);
    }

    /** True when the evaluator answered enough real and generated qualification images correctly (or there is none). */
    boolean qualified() {
        if (config.qualification() == 0) {
            return true;
        }
        return qualReal > 0 && qualFake > 0 && qualRealOk >= config.qualificationPass() * qualReal - 1e-9
                && qualFakeOk >= config.qualificationPass() * qualFake - 1e-9;
    }

    /** True when the qualification is over and was not passed. */
    boolean disqualified() {
        return qualificationDone() && !qualified();
    }

    /** True when every trial is answered, or the qualification was not passed. */
    boolean finished() {
        return position() >= plan.size() || disqualified();
    }

    /** True when every scored trial is answered (the evaluator counts if qualified and attentive). */
    boolean complete() {
        return position() >= plan.size();
    }

    /** Attention checks that may be judged real without failing: a quarter of them, rounded down. */
    int checkSlipsAllowed() {
        return config.checks() * config.blocks() / 4;
    }

    /** True unless more broken images were judged real than allowed. */
    boolean attentive() {
        return checksFailed <= checkSlipsAllowed();
    }
}
