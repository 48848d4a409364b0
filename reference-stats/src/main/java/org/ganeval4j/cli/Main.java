package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.assets.AssetUnavailableException;
import org.ganeval4j.io.FileFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ganeval4j COMMAND …}. Results go to stdout as plain numbers (one per line) or, with
 * {@code --json}, as one JSON object; errors go to stderr as one line. Exit codes: 0 success,
 * 2 bad input (missing or malformed file, invalid option, incompatible statistics), 1 internal
 * failure. {@code --verbose} adds stack traces and debug logging.
 */
@Command(name = "ganeval4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "GAN evaluation for Deeplearning4j: FID, LPIPS, KID, IS, precision/recall, SSIM, MS-SSIM, PSNR, MSE,"
                + " HYPE human evaluation.")
public final class Main {
    /**
     * The subcommands by name, in the order the usage lists them. They are registered with picocli
     * at run time rather than in the annotation: a command line naming one of them loads and registers
     * only that one, which saves building the others (a third of the start-up of {@code fid} or
     * {@code inspect}). The names are those of the classes' {@code @Command} annotations (a test keeps
     * them equal).
     */
    static final Map<String, String> COMMANDS = commands("stats", "StatsCommand", "features", "FeaturesCommand",
            "fid", "FidCommand", "kid", "KidCommand", "is", "IsCommand", "fid-inf", "FidInfCommand", "is-inf",
            "IsInfCommand", "distance", "DistanceCommand", "memorisation", "MemorisationCommand", "pr", "PrCommand",
            "prdc", "PrdcCommand", "lpips", "LpipsCommand", "diversity", "DiversityCommand", "ssim",
            "PixelCommand$SsimCommand", "ms-ssim", "PixelCommand$MsSsimCommand", "psnr", "PixelCommand$PsnrCommand",
            "mse", "PixelCommand$MseCommand", "eval", "EvalCommand", "sample", "SampleCommand", "inspect",
            "InspectCommand", "bench", "BenchCommand", "hype", "HypeCommand", "hype-report", "HypeReportCommand");

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    public static final int INTERNAL = 1;

    @Option(names = "--verbose", description = "Stack traces and debug logging.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    public static void main(String[] args) {
        // only the real entry point touches the process environment (tests call run in a shared JVM)
        String command = commandName(args);
        OpenMpWaitPolicy.startFor(command, args);
        if ("fid".equals(command) && !OpenMpWaitPolicy.runsNetwork(command, args)) {
            // fid on statistics or features needs only LAPACK, which takes longer to load than picocli to start
            Background.start(org.ganeval4j.metric.FrechetDistance::loadNativeLibrary);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        configureLogging(verbose);
        CommandLine cl = new CommandLine(new Main());
        String named = commandName(args);
        for (Map.Entry<String, String> c : COMMANDS.entrySet()) {
            if (named == null || named.equals(c.getKey())) {
                cl.addSubcommand(c.getKey(), commandClass(c.getKey()));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            OpenMpWaitPolicy.await();
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    return outOfMemory(args, verbose, oom, commandLine.getErr());
                }
            }
            boolean bad = isBadInput(e);
            commandLine.getErr().println("ganeval4j: " + (bad ? "" : "internal error: ") + message(e));
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return bad ? BAD_INPUT : INTERNAL;
        });
        cl.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            String m = e.getMessage().strip();
            c.getErr().println("ganeval4j: " + m + (m.endsWith(".") ? "" : ".") + " See '"
                    + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return BAD_INPUT;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            code = outOfMemory(args, verbose, e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The subcommand the arguments name (their first word that is not an option), or null when none does. */
    private static String commandName(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return COMMANDS.containsKey(a) ? a : null;
            }
        }
        return null;
    }

    private static Map<String, String> commands(String... nameAndClass) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndClass.length; i += 2) {
            m.put(nameAndClass[i], Main.class.getPackageName() + "." + nameAndClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The class of the subcommand {@code name} (one of {@link #COMMANDS}). */
    static Class<?> commandClass(String name) {
        try {
            return Class.forName(COMMANDS.get(name));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("subcommand " + name + " has no class " + COMMANDS.get(name), e);
        }
    }

    /**
     * One line for a command that ran out of memory: what was being done, the JVM's limit and the
     * {@code -Xmx} to try; the trace only with {@code --verbose}.
     */
    private static int outOfMemory(String[] args, boolean verbose, OutOfMemoryError e, PrintWriter err) {
        long max = Runtime.getRuntime().maxMemory();
        String command = args.length == 0 ? "ganeval4j" : "ganeval4j " + args[0];
        long suggest = Math.max(2L << 30, Long.highestOneBit(Math.max(max, 1)) << 2);
        err.println("ganeval4j: out of memory running '" + command + "' (" + e.getMessage() + "; the JVM may use "
                + (max >> 20) + " MiB): run it with more, e.g. java -Xmx" + (suggest >> 30) + "g -jar ganeval4j.jar …, or"
                + " give it less at once (fewer samples, a smaller --batch); see README 'Limits'");
        if (verbose) {
            e.printStackTrace(err);
        }
        return INTERNAL;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof FileFormatException
                || e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || e instanceof BadInputException || e instanceof ArithmeticException
                || e instanceof AssetUnavailableException;
    }

    private static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    private static void configureLogging(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // the command's own messages go to stderr as one line; library warnings would come before it
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "error");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ganeval4j " + GanEval4j.version()};
        }
    }
}
