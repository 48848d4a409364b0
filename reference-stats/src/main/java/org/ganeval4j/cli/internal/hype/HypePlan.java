package org.ganeval4j.cli.internal.hype;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.ganeval4j.metric.SplitMix64;

/**
 * One evaluator's sequence of trials, the same every time it is built from the same session and
 * name: the tutorial, the qualification, then the scored blocks (HYPE∞ has one), each phase half
 * real and half generated and shuffled, attention checks mixed into every scored block. No image is
 * shown twice to one evaluator (an attention check is a broken version of a generated image).
 *
 * <p>The draws: a SplitMix64 seeded with {@code seed XOR} the first 8 bytes (big-endian) of
 * SHA-256(name); one permutation of the real images, one of the generated images, then the phases
 * in order, each taking the next real and generated images of the permutations and shuffling them.
 *
 * @param items the trials in order
 */
public record HypePlan(List<Item> items) {
    public HypePlan {
        items = List.copyOf(items);
    }

    /** The phases of a session. */
    public enum Phase {
        /** Images with feedback, not scored. */
        TUTORIAL,
        /** Images without time limit that decide whether the evaluator is scored. */
        QUALIFICATION,
        /** The scored trials (and the attention checks). */
        MAIN;

        /** {@code tutorial}, {@code qualification} or {@code main}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What an image is. */
    public enum Kind {
        /** A real image. */
        REAL,
        /** A generated image. */
        FAKE,
        /** An obviously broken image made from a generated one: must be judged fake. */
        CHECK;

        /** {@code real}, {@code fake} or {@code check}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** True for generated and broken images. */
        public boolean isFake() {
            return this != REAL;
        }
    }

    /**
     * One trial of the plan.
     *
     * @param phase the phase
     * @param block the block (0 outside the scored blocks)
     * @param kind  real, generated or attention check
     * @param index the image's index in its side (for a check, the generated image it was made from)
     */
    public record Item(Phase phase, int block, Kind kind, int index) {
        /** The image's id in {@code trials.jsonl}: {@code real:12}, {@code fake:7}, {@code check:7}. */
        public String imageId() {
            return kind.label() + ":" + index;
        }
    }

    /**
     * The plan of {@code evaluator} in the session.
     *
     * @throws IllegalArgumentException when a side has fewer images than one evaluator sees
     */
    public static HypePlan of(HypeConfig c, String evaluator) {
        if (c.realCount() < c.realNeeded() || c.fakeCount() < c.fakeNeeded()) {
            throw new IllegalArgumentException("each evaluator sees " + c.realNeeded() + " real and " + c.fakeNeeded()
                    + " generated images (tutorial " + c.tutorial() + ", qualification " + c.qualification() + ", "
                    + c.blocks() + " × " + c.images() + " scored), found " + c.realCount() + " real and " + c.fakeCount()
                    + " generated: pass more images or fewer --images/--blocks/--qualification/--tutorial");
        }
        SplitMix64 rng = new SplitMix64(c.seed() ^ nameBits(evaluator));
        int[] real = identity(c.realCount());
        int[] fake = identity(c.fakeCount());
        rng.shuffle(real);
        rng.shuffle(fake);
        int[] next = {0, 0, 0};
        List<Item> items = new ArrayList<>(c.totalTrials());
        phase(items, rng, Phase.TUTORIAL, 0, c.tutorial() / 2, c.tutorial() - c.tutorial() / 2, 0, real, fake, next);
        phase(items, rng, Phase.QUALIFICATION, 0, c.qualification() / 2, c.qualification() / 2, 0, real, fake, next);
        for (int b = 0; b < c.blocks(); b++) {
            phase(items, rng, Phase.MAIN, b, c.images() / 2, c.images() / 2, c.checks(), real, fake, next);
        }
        return new HypePlan(items);
    }

    private static void phase(List<Item> items, SplitMix64 rng, Phase phase, int block, int reals, int fakes, int checks,
                              int[] real, int[] fake, int[] next) {
        List<Item> p = new ArrayList<>(reals + fakes + checks);
        for (int i = 0; i < reals; i++) {
            p.add(new Item(phase, block, Kind.REAL, real[next[0]++]));
        }
        for (int i = 0; i < fakes; i++) {
            p.add(new Item(phase, block, Kind.FAKE, fake[next[1]++]));
        }
        for (int i = 0; i < checks; i++) {
            // made from the generated images at the end of the permutation, so rarely ones this evaluator also sees whole
            p.add(new Item(phase, block, Kind.CHECK, fake[fake.length - 1 - (next[2]++ % fake.length)]));
        }
        int[] order = identity(p.size());
        rng.shuffle(order);
        for (int i : order) {
            items.add(p.get(i));
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static long nameBits(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trial at {@code position}. */
    public Item get(int position) {
        return items.get(position);
    }

    /** Trials in the plan. */
    public int size() {
        return items.size();
    }

    /** Trials of the plan before the scored blocks. */
    public int before(Phase phase) {
        int n = 0;
        for (Item i : items) {
            if (i.phase().ordinal() >= phase.ordinal()) {
                return n;
            }
            n++;
        }
        return n;
    }
}
