package org.ganeval4j.cli.internal.hype;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running HYPE session: which trial each evaluator is at, which trials were served and await an
 * answer, and the answer log. The server decides every image: a trial exists only once the session
 * served it, under a random id, and an answer is taken only for the evaluator's outstanding trial.
 * Each answer is forced to {@code trials.jsonl} before the next trial is served. Opening a folder
 * that already holds answers replays them, so a killed server resumes where every evaluator stopped.
 *
 * <p>Thread safe (every method holds the session's lock).
 */
public final class HypeSession implements Closeable {
    /** What a name may be: letters, digits, spaces, dots, dashes and underscores, 1 to 40 characters. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,39}");
    private static final Logger LOG = LoggerFactory.getLogger(HypeSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HypeConfig config;
    private final HypeImages images;
    private final Path dir;
    private final TrialLog log;
    private final Map<String, Progress> evaluators = new LinkedHashMap<>();
    private final Map<String, Outstanding> outstanding = new HashMap<>();
    private final List<TrialRecord> all = new ArrayList<>();

    /** A served trial awaiting its answer. */
    private record Outstanding(String id, Progress evaluator, int position, HypePlan.Item item, double exposureMs,
                               int frames, double frameMs, Instant servedAt, long servedNanos, int[] served) {
    }

    /** What the page gets for a trial: nothing in it tells a real image from a generated one. */
    public record TrialView(String trial, String phase, int block, int blocks, int phaseIndex, int phaseTotal,
                            int position, int total, boolean timed, double exposureMs, int frames, String image) {
    }

    /** The answer to a start or an answer request: the next trial, or why there is none. */
    public record Step(String evaluator, TrialView trial, boolean done, String message, Boolean feedbackCorrect,
                       String feedbackTruth) {
    }

    /** An answer the session refuses; {@code status} is the HTTP status that says why. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Opens the session in {@code dir} and replays its answers.
     *
     * @throws IllegalArgumentException when the images cannot carry the protocol
     */
    public HypeSession(HypeConfig config, HypeImages images, Path dir) throws IOException {
        this.config = config;
        this.images = images;
        this.dir = dir;
        HypePlan.of(config, "check the pool sizes");
        for (TrialRecord r : TrialLog.read(dir)) {
            Progress p = evaluators.computeIfAbsent(r.evaluator(), n -> new Progress(config, n));
            try {
                p.accept(r);
                all.add(r);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: {} (skipped)", TrialLog.FILE, e.getMessage());
            }
        }
        this.log = TrialLog.open(dir);
    }

    /** The protocol. */
    public HypeConfig config() {
        return config;
    }

    /** The session folder. */
    public Path directory() {
        return dir;
    }

    /** Evaluators seen so far (with at least one answer or a start). */
    public synchronized int evaluatorCount() {
        return evaluators.size();
    }

    /** The answers so far, in order. */
    public synchronized List<TrialRecord> records() {
        return List.copyOf(all);
    }

    /**
     * Starts or resumes {@code name}: the trial they are at (the same trial, under the same id, when
     * it was already served and not answered).
     *
     * @param frameMs the display's frame period the page measured, ms
     * @throws Refused for a name or frame period that cannot be taken
     */
    public synchronized Step start(String name, double frameMs) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new Refused(400, "a name is 1 to 40 letters, digits, spaces, dots, dashes or underscores, starting with"
                    + " a letter or digit; got \"" + n + "\"");
        }
        if (!(frameMs > 0 && frameMs <= 1000)) {
            throw new Refused(400, "frame period must be in (0, 1000] ms, got " + frameMs);
        }
        Progress p = evaluators.computeIfAbsent(n, k -> new Progress(config, k));
        p.frameMs = frameMs;
        return step(p, null);
    }

    /**
     * Takes the answer to a served trial, forces it to the log and serves the next trial.
     *
     * @param trialId the id the trial was served under
     * @param answer  {@code real} or {@code fake}
     * @param rtMs    reaction time from the image's onset, ms
     * @param shownMs how long the image was shown, ms (NaN when unlimited)
     * @throws Refused 409 for an id that is not an outstanding trial, 400 for a malformed answer
     * @throws IOException when the answer could not be written (the trial stays outstanding)
     */
    public synchronized Step answer(String trialId, String answer, double rtMs, double shownMs) throws IOException {
        Outstanding o = trialId == null ? null : outstanding.get(trialId);
        if (o == null) {
            throw new Refused(409, "no such trial: answers are taken only for the image the server showed last");
        }
        if (!"real".equals(answer) && !"fake".equals(answer)) {
            throw new Refused(400, "answer must be \"real\" or \"fake\", got " + (answer == null ? "nothing" : "\"" + answer
                    + "\""));
        }
        if (!(rtMs >= 0 && rtMs < 86_400_000)) {
            throw new Refused(400, "reaction time must be between 0 and one day in ms, got " + rtMs);
        }
        if (!Double.isNaN(shownMs) && !(shownMs >= 0 && shownMs < 86_400_000)) {
            throw new Refused(400, "shown time must be between 0 and one day in ms, got " + shownMs);
        }
        Progress p = o.evaluator();
        TrialRecord r = new TrialRecord(p.name, o.position(), o.item().phase(), o.item().block(), o.item().kind(),
                o.item().imageId(), answer.equals("fake"), o.exposureMs(), o.frames(), o.frameMs(),
                o.frames() > 0 ? shownMs : Double.NaN, rtMs, (System.nanoTime() - o.servedNanos()) / 1e6, o.served()[0],
                o.id(), o.servedAt(), Instant.now());
        log.append(r);
        outstanding.remove(trialId);
        p.accept(r);
        all.add(r);
        boolean tutorial = o.item().phase() == HypePlan.Phase.TUTORIAL;
        return step(p, tutorial ? r : null);
    }

    private Step step(Progress p, TrialRecord feedback) {
        Boolean ok = feedback == null ? null : feedback.correct();
        String truth = feedback == null ? null : feedback.kind().isFake() ? "generated" : "real";
        if (p.finished()) {
            String msg = p.disqualified()
                    ? "Thank you. Fewer than " + Math.round(config.qualificationPass() * 100) + "% of the real or of the"
                    + " generated qualification images were judged right, so the session ends here for you; your answers"
                    + " are kept."
                    : "Thank you, " + p.name + ": you are done.";
            return new Step(p.name, null, true, msg, ok, truth);
        }
        return new Step(p.name, serve(p), false, null, ok, truth);
    }

    private TrialView serve(Progress p) {
        Outstanding o = outstanding.values().stream().filter(x -> x.evaluator() == p).findFirst().orElse(null);
        if (o == null) {
            HypePlan.Item item = p.next();
            double exposure = p.exposureMs(item);
            int frames = Double.isNaN(exposure) ? 0 : Math.max(1, (int) Math.round(exposure / p.frameMs));
            o = new Outstanding(newId(), p, p.position(), item, exposure, frames, p.frameMs, Instant.now(),
                    System.nanoTime(), new int[] {1});
            outstanding.put(o.id(), o);
        } else {
            o.served()[0]++;
        }
        HypePlan.Item item = o.item();
        int phaseStart = 0;
        int phaseTotal = 0;
        for (int i = 0; i < p.plan.size(); i++) {
            HypePlan.Item it = p.plan.get(i);
            if (it.phase() == item.phase() && it.block() == item.block()) {
                if (phaseTotal == 0) {
                    phaseStart = i;
                }
                phaseTotal++;
            }
        }
        boolean timed = o.frames() > 0;
        return new TrialView(o.id(), item.phase().label(), item.block(), config.blocks(), o.position() - phaseStart + 1,
                phaseTotal, o.position() + 1, p.plan.size(), timed, timed ? o.exposureMs() : Double.NaN, o.frames(),
                images.dataUrl(item.kind(), item.index()));
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The report of the answers so far. */
    public synchronized HypeReport report(int replicates, long seed) {
        return HypeReport.of(config, records(), replicates, seed);
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }
}
