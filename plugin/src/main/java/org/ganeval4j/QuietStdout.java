package org.ganeval4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output without SameDiff's "Added differentiated op" lines, which ND4J 1.0.0-M2.1 prints with
 * {@code System.out.println} (not a logger) once per SameDiff layer when training starts. Every other
 * line passes through unchanged, in order. The examples and the tests install it; call {@link #install()} to
 * keep a training log of your own free of them.
 */
@Beta
public final class QuietStdout extends OutputStream {
    private static final byte[] NOISE = "Added differentiated op ".getBytes(StandardCharsets.UTF_8);

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStdout(OutputStream target) {
        this.target = target;
    }

    /** Replaces {@code System.out} by a filtered stream (idempotent). */
    public static synchronized void install() {
        if (!(System.out instanceof Marked)) {
            System.setOut(wrap(System.out));
        }
    }

    /** A print stream (UTF-8, auto-flush) that writes to {@code target} all but the noise lines. */
    public static PrintStream wrap(OutputStream target) {
        return new Marked(new QuietStdout(target));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        // a partial line (a prompt, a progress bar) is shown as is; only whole noise lines are dropped
        if (line.size() > 0 && !startsWithNoise()) {
            line.writeTo(target);
            line.reset();
        }
        target.flush();
    }

    private void flushLine() throws IOException {
        if (!startsWithNoise()) {
            line.writeTo(target);
        }
        line.reset();
        target.flush();
    }

    private boolean startsWithNoise() {
        byte[] bytes = line.toByteArray();
        if (bytes.length < NOISE.length) {
            return false;
        }
        for (int i = 0; i < NOISE.length; i++) {
            if (bytes[i] != NOISE[i]) {
                return false;
            }
        }
        return true;
    }

    private static final class Marked extends PrintStream {
        Marked(OutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }
    }
}
