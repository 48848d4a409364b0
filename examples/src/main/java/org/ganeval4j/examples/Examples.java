package org.ganeval4j.examples;

import org.ganeval4j.QuietStdout;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.ui.UiSink;

/** What the examples share: data, the UI, the command line. */
final class Examples {
    private Examples() {
    }

    /**
     * Runs an example's command line and exits: bad input (an option, a file, a folder that cannot be
     * written, a missing asset) is one line on stderr and exit code 2; anything else is a bug of ours,
     * reported with its stack trace and exit code 1.
     */
    static void main(Object example, String[] args) {
        QuietStdout.install();
        System.exit(commandLine(example).execute(args));
    }

    /** The example's command line with the one-line error handling of {@link #main}. */
    static CommandLine commandLine(Object example) {
        CommandLine cl = new CommandLine(example).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean bad = e instanceof java.io.IOException || e instanceof IllegalArgumentException
                    || e instanceof org.ganeval4j.assets.AssetUnavailableException;
            String what = e instanceof java.nio.file.FileSystemException f
                    ? "cannot write " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")")
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            line.getErr().println(line.getCommandName() + ": " + what);
            if (!bad) {
                e.printStackTrace(line.getErr());
            }
            return bad ? 2 : 1;
        });
        return cl;
    }

    /** The training images: {@code --data}, or MNIST from the asset directory / cache / download. */
    static ImageDataset loadImages(ExampleOptions o, PrintStream log) throws IOException {
        Path file = o.data != null ? o.data : AssetResolver.fromEnvironment().resolve(Assets.MNIST_T10K_IMAGES);
        try (ImageSource s = ImageSources.open(file, ImageSources.Options.defaults().withLimit(o.images, o.seed))) {
            ImageDataset d = ImageDataset.load(s, 0);
            log.printf("data: %d images %d×%d×%d from %s%n", d.size(), d.channels(), d.height(), d.width(), file);
            if (!s.skipped().isEmpty()) {
                log.printf("skipped %d unreadable images, e.g. %s%n", s.skipped().size(), s.skipped().get(0));
            }
            return d;
        }
    }

    /** A UI sink (and the server) unless {@code --no-ui}; the storage is a file in the output folder so the run can be reopened. */
    static UiSink startUi(ExampleOptions o, Path out, String session, PrintStream log) throws IOException {
        StatsStorage storage = startUiStorage(o, out, "", log);
        return storage == null ? null : UiSink.to(storage, session, session);
    }

    /**
     * Starts the DL4J UI unless {@code --no-ui} and attaches a {@code ui-stats.bin} file storage in the
     * output folder; null when the UI is off or cannot start (training goes on without it).
     */
    static StatsStorage startUiStorage(ExampleOptions o, Path out, String what, PrintStream log) throws IOException {
        if (o.noUi) {
            return null;
        }
        java.nio.file.Files.createDirectories(out);
        UIServer ui;
        try {
            ui = UIServer.getInstance();
        } catch (RuntimeException e) {
            log.println("could not start the DL4J UI (" + e.getMessage() + "); going on without it");
            return null;
        }
        FileStatsStorage storage = new FileStatsStorage(out.resolve("ui-stats.bin").toFile());
        ui.attach(storage);
        log.printf("DL4J UI: http://localhost:%d/ganeval4j (%slistens on all interfaces; the ganeval4j page answers"
                + " loopback clients only; --no-ui to skip)%n", ui.getPort(), what);
        return storage;
    }

    /** With {@code --keep-ui}, keeps the UI up until Enter; then stops it. */
    static void holdUi(ExampleOptions o, boolean started, Path out, PrintStream log) throws Exception {
        if (!started) {
            return;
        }
        UIServer ui = UIServer.getInstance();
        if (!o.keepUi) {
            log.println("the UI's data stays in " + out.resolve("ui-stats.bin") + " (--keep-ui keeps the page up after"
                    + " training)");
        } else {
            log.println("The UI stays up at http://localhost:" + ui.getPort() + "/ganeval4j; press Enter (or close the"
                    + " input) to stop." + (System.console() == null ? " (stdin is not a terminal: it stops when its"
                    + " input ends)" : ""));
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
        }
        UIServer.stopInstance();
    }
}
