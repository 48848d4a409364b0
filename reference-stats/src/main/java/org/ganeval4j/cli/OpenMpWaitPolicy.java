package org.ganeval4j.cli;

import com.sun.jna.Function;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Lets ND4J's OpenMP threads sleep instead of spinning while they wait for work: sets
 * {@code OMP_WAIT_POLICY=PASSIVE} in the process environment before ND4J loads libgomp, unless the user
 * set {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}.
 *
 * <p>Why: libgomp's default lets an idle worker spin up to 300,000 rounds (milliseconds) after every
 * parallel region. A network runs hundreds of short native operations a second, with libnd4j's own
 * thread pool, the JVM and the image decoders between them, so on 2 cores the spinning worker takes the
 * core the others need; as soon as other processes also want the cores, FD-SqueezeNet statistics ran 5–8×
 * slower than with sleeping workers (33 against 160–270 images/s of the network alone on this project's
 * 2-core machine with a build beside it). On an idle machine the two policies measure the same.
 *
 * <p>How: libgomp reads the variable once, when it is loaded (ND4J's first use), and a JVM cannot change
 * its own environment, so the C library's {@code setenv} is called through JNA (which ND4J already
 * ships, through OSHI). Loading JNA costs about 0.2 s of CPU, so it runs on a background thread from
 * {@link #startFor} (while picocli parses the command line) and only for a command that will run a
 * network; {@link #await} (called before any command runs) waits for it. Where it cannot be set (no
 * JNA, no C library) nothing changes.
 */
final class OpenMpWaitPolicy {
    /** Commands that always run a network or a generator. */
    private static final Set<String> NETWORK = Set.of("stats", "features", "lpips", "diversity", "eval", "sample",
            "bench", "hype");
    /** Commands that run a network when given images rather than statistics or features. */
    private static final Set<String> ON_IMAGES = Set.of("fid", "kid", "pr", "prdc", "fid-inf", "is", "is-inf", "distance",
            "memorisation");

    private static Background<Void> setter;

    private OpenMpWaitPolicy() {
    }

    /**
     * Starts setting the policy on a background thread when the command line runs a network
     * ({@link #runsNetwork}) and the user set neither {@code OMP_WAIT_POLICY} nor {@code GOMP_SPINCOUNT}.
     */
    static synchronized void startFor(String command, String[] args) {
        if (setter == null && runsNetwork(command, args) && System.getenv("OMP_WAIT_POLICY") == null
                && System.getenv("GOMP_SPINCOUNT") == null) {
            setter = Background.start(OpenMpWaitPolicy::setPassive);
        }
    }

    /**
     * True for a command line that runs a network: a command of {@link #NETWORK}, or one of
     * {@link #ON_IMAGES} with an argument naming a folder or an existing file that is not {@code .npz} or
     * {@code .npy} (images, archives, IDX files).
     */
    static boolean runsNetwork(String command, String[] args) {
        return command != null && (NETWORK.contains(command) || (ON_IMAGES.contains(command) && namesImages(args)));
    }

    /** Waits until a started {@link #startFor} is done (at once when none was started). */
    static void await() {
        Background<Void> s;
        synchronized (OpenMpWaitPolicy.class) {
            s = setter;
        }
        if (s != null) {
            try {
                s.get();
            } catch (Exception | LinkageError e) {
                // the policy is a speed-up only: without it the command runs as before
            }
        }
    }

    /** Sets {@code OMP_WAIT_POLICY=PASSIVE} in the C library's environment unless it is set there. */
    static void setPassive() {
        try {
            Function.getFunction("c", "setenv").invokeInt(new Object[] {"OMP_WAIT_POLICY", "PASSIVE", 0});
        } catch (RuntimeException | LinkageError e) {
            // no JNA or no C library: run with libgomp's default
        }
    }

    private static boolean namesImages(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            String n = a.toLowerCase(Locale.ROOT);
            if (n.endsWith(".npz") || n.endsWith(".npy")) {
                continue;
            }
            try {
                if (Files.exists(Path.of(a))) {
                    return true;
                }
            } catch (InvalidPathException e) {
                // not a path
            }
        }
        return false;
    }
}
