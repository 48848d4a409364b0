package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.io.AtomicFiles;
import org.ganeval4j.metric.HypeResult;

/**
 * The protocol of one HYPE session, fixed when the session starts and kept in {@code DIR/session.json}
 * so that a restarted server resumes the same session.
 *
 * @param mode              HYPE∞ or HYPE_time
 * @param images            scored images per block (half real, half generated); the paper: 100 (HYPE∞), 150 (HYPE_time)
 * @param blocks            staircase blocks (HYPE_time; the paper: 3); 1 for HYPE∞
 * @param tutorial          tutorial images with feedback before the qualification (not scored)
 * @param qualification     qualification images without time limit (half real, half generated; the paper: 100)
 * @param qualificationPass the fraction of real and of generated qualification images each that must be
 *                          judged correctly (the paper: 0.65)
 * @param checks            attention checks per block: obviously broken images that must be judged fake
 * @param seed              seeds every evaluator's sequence (with the evaluator's name)
 * @param port              the port the server listens on (0: any free port)
 * @param real              what REAL was, for the record
 * @param fake              what FAKE was, for the record
 * @param realCount         real images loaded
 * @param fakeCount         generated images loaded
 * @param height            image height, pixels
 * @param width             image width, pixels
 * @param fingerprint       SHA-256 of the loaded pixels of both sides: a restart must load the same images
 */
public record HypeConfig(HypeResult.Mode mode, int images, int blocks, int tutorial, int qualification,
                         double qualificationPass, int checks, long seed, int port, String real, String fake, int realCount,
                         int fakeCount, int height, int width, String fingerprint) {
    /** The session file's format version. */
    public static final int FORMAT = 1;
    /** The session file name. */
    public static final String FILE = "session.json";

    public HypeConfig {
        Objects.requireNonNull(mode, "mode");
        if (images < 2 || images % 2 != 0) {
            throw new IllegalArgumentException("--images must be an even number >= 2 (half real, half generated), got "
                    + images);
        }
        if (blocks < 1 || (mode == HypeResult.Mode.INFINITY && blocks != 1)) {
            throw new IllegalArgumentException("--blocks must be >= 1 (and 1 for HYPE-infinity), got " + blocks);
        }
        if (tutorial < 0 || checks < 0) {
            throw new IllegalArgumentException("--tutorial and --checks must be >= 0, got " + tutorial + " and " + checks);
        }
        if (qualification < 0 || qualification % 2 != 0) {
            throw new IllegalArgumentException("--qualification must be an even number >= 0 (half real, half generated),"
                    + " got " + qualification);
        }
        if (!(qualificationPass >= 0 && qualificationPass <= 1)) {
            throw new IllegalArgumentException("--qualification-pass must be a fraction in [0, 1], got " + qualificationPass);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        real = real == null ? "" : real;
        fake = fake == null ? "" : fake;
        fingerprint = fingerprint == null ? "" : fingerprint;
    }

    /** Real images one evaluator sees: tutorial, qualification and scored. */
    public int realNeeded() {
        return tutorial / 2 + qualification / 2 + blocks * images / 2;
    }

    /** Generated images one evaluator sees (attention checks are made from these and need no more). */
    public int fakeNeeded() {
        return tutorial - tutorial / 2 + qualification - qualification / 2 + blocks * images / 2;
    }

    /** Scored trials of one evaluator, attention checks included. */
    public int mainTrials() {
        return blocks * (images + checks);
    }

    /** All trials of one evaluator. */
    public int totalTrials() {
        return tutorial + qualification + mainTrials();
    }

    /** True for HYPE_time. */
    public boolean timed() {
        return mode == HypeResult.Mode.TIME;
    }

    /** {@code infinity} or {@code time}. */
    public String modeName() {
        return mode == HypeResult.Mode.INFINITY ? "infinity" : "time";
    }

    /** The mode named {@code infinity} or {@code time}. */
    public static HypeResult.Mode mode(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "infinity", "inf" -> HypeResult.Mode.INFINITY;
            case "time" -> HypeResult.Mode.TIME;
            default -> throw new IllegalArgumentException("--mode must be infinity or time, got " + name);
        };
    }

    /** Writes {@code DIR/session.json} atomically. */
    public void write(Path dir) throws IOException {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("library_version", GanEval4j.version());
        o.put("mode", modeName());
        o.put("images", images);
        o.put("blocks", blocks);
        o.put("tutorial", tutorial);
        o.put("qualification", qualification);
        o.put("qualification_pass", qualificationPass);
        o.put("checks", checks);
        o.put("seed", seed);
        o.put("port", port);
        o.put("real", real);
        o.put("fake", fake);
        o.put("real_count", realCount);
        o.put("fake_count", fakeCount);
        o.put("height", height);
        o.put("width", width);
        o.put("fingerprint", fingerprint);
        byte[] bytes = Jsons.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        AtomicFiles.write(dir.resolve(FILE), out -> out.write(bytes));
    }

    /** True when {@code dir} holds a session. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * Reads {@code DIR/session.json}.
     *
     * @throws IllegalArgumentException for a newer format or a malformed file
     */
    public static HypeConfig read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        JsonNode o;
        try {
            o = Jsons.MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": not a HYPE session file (" + e.getMessage() + ")");
        }
        int format = o.path("format").asInt(-1);
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException(f + ": session format " + format + " is not supported (this ganeval4j "
                    + GanEval4j.version() + " reads format " + FORMAT + ")");
        }
        for (String k : new String[] {"mode", "images", "blocks", "tutorial", "qualification", "qualification_pass", "checks",
            "seed", "real_count", "fake_count", "height", "width"}) {
            if (!o.hasNonNull(k)) {
                throw new IllegalArgumentException(f + ": missing \"" + k + "\"");
            }
        }
        return new HypeConfig(mode(o.get("mode").asText()), o.get("images").asInt(), o.get("blocks").asInt(),
                o.get("tutorial").asInt(), o.get("qualification").asInt(), o.get("qualification_pass").asDouble(),
                o.get("checks").asInt(), o.get("seed").asLong(), o.path("port").asInt(0), o.path("real").asText(""),
                o.path("fake").asText(""), o.get("real_count").asInt(), o.get("fake_count").asInt(), o.get("height").asInt(),
                o.get("width").asInt(), o.path("fingerprint").asText(""));
    }
}
