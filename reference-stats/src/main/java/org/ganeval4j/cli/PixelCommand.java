package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.Mse;
import org.ganeval4j.metric.PixelMetric;
import org.ganeval4j.metric.Psnr;
import org.ganeval4j.metric.Ssim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j ssim|ms-ssim|psnr|mse A B}: a paired pixel metric of image k of A against image k
 * of B, one value per line (or {@code --json}), as torchmetrics 1.9.0 computes it in float64.
 */
abstract class PixelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "A", description = "Images: .npy (uint8, or float with --range), PNG/JPEG file,"
            + " folder (sorted by path), .tar.gz or IDX.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Images of the same count and size.")
    Path b;

    @Option(names = "--data-range", paramLabel = "L",
            description = "Data range L of the images (default: the width of their scale: 255 for uint8 and 0..255,"
                    + " 1 for --range 0,1, 2 for --range -1,1).")
    Double dataRange;

    @Mixin
    RangeOption range;

    @Option(names = "--json", description = "Print a JSON object with the values, their mean and the options.")
    boolean json;

    /** The metric for data range {@code l}. */
    abstract PixelMetric metric(double l);

    /** Options to describe in JSON. */
    void describe(PixelMetric m, ObjectNode o) {
    }

    @Override
    public final Integer call() throws Exception {
        InputRange declared = range.get();
        PrintWriter out = spec.commandLine().getOut();
        try (PixelInputs ia = PixelInputs.open(a, declared); PixelInputs ib = PixelInputs.open(b, declared)) {
            InputRange sa = ia.scale();
            InputRange sb = ib.scale();
            if (sa.min() != sb.min() || sa.max() != sb.max()) {
                throw new BadInputException("A and B must be on one scale: " + a + " is on " + PixelInputs.describe(sa)
                        + ", " + b + " on " + PixelInputs.describe(sb));
            }
            if (ia.size() >= 0 && ib.size() >= 0 && ia.size() != ib.size()) {
                throw new BadInputException("A and B must hold as many images (pair k = image k of each): " + a + " has "
                        + ia.size() + ", " + b + " has " + ib.size());
            }
            double l = dataRange != null ? dataRange : PixelInputs.width(sa);
            PixelMetric m = metric(l);
            ObjectNode o = Json.object();
            ArrayNode values = o.putArray("values");
            int pairs = 0;
            double sum = 0;
            PixelInputs.Image first = null;
            int chunk = 2 * Runtime.getRuntime().availableProcessors();
            List<PixelInputs.Image[]> pending = new ArrayList<>();
            boolean more = true;
            while (more) {
                PixelInputs.Image x = ia.next();
                PixelInputs.Image y = ib.next();
                more = x != null || y != null;
                if (more) {
                    int k = pairs + pending.size();
                    if (x == null || y == null) {
                        throw new BadInputException("A and B must hold as many images (pair k = image k of each): "
                                + (x == null ? a : b) + " ends after " + k + " image(s), " + (x == null ? b : a)
                                + " has more");
                    }
                    if (x.channels() != y.channels() || x.height() != y.height() || x.width() != y.width()) {
                        throw new BadInputException("pair " + k + ": image " + k + " of " + a + " is " + x.shape()
                                + ", of " + b + " " + y.shape() + "; " + m.name() + " compares images of one shape");
                    }
                    if (first == null) {
                        first = x;
                    }
                    pending.add(new PixelInputs.Image[] {x, y});
                }
                if (pending.size() == chunk || (!more && !pending.isEmpty())) {
                    // pairs are independent: compute a chunk in parallel, print in order
                    double[] v = new double[pending.size()];
                    RuntimeException[] failed = new RuntimeException[pending.size()];
                    IntStream.range(0, v.length).parallel().forEach(i -> {
                        PixelInputs.Image[] p = pending.get(i);
                        try {
                            v[i] = m.compute(p[0].values(), p[1].values(), p[0].channels(), p[0].height(),
                                    p[0].width());
                        } catch (RuntimeException e) {
                            failed[i] = e;
                        }
                    });
                    for (RuntimeException e : failed) {
                        if (e != null) {
                            throw e;
                        }
                    }
                    for (double d : v) {
                        sum += d;
                        if (json) {
                            putNumber(values, d);
                        } else {
                            out.println(format(d));
                        }
                    }
                    pairs += v.length;
                    pending.clear();
                }
            }
            if (pairs == 0) {
                throw new BadInputException(a + " and " + b + ": no images found");
            }
            if (json) {
                o.put("metric", m.name());
                o.put("pairs", pairs);
                putNumber(o, "mean", sum / pairs);
                o.put("direction", m.direction().name().toLowerCase(Locale.ROOT));
                if (!(m instanceof Mse)) {
                    o.put("data_range", l);
                }
                o.put("scale", PixelInputs.describe(sa));
                o.put("channels", first.channels());
                o.put("height", first.height());
                o.put("width", first.width());
                describe(m, o);
                o.put("a", a.toString());
                o.put("b", b.toString());
                out.println(Json.write(o));
            }
        }
        return 0;
    }

    /** A value as the CLI prints it: {@code inf}, {@code -inf}, {@code nan} or the shortest decimal. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    private static void putNumber(ArrayNode arr, double v) {
        if (Double.isFinite(v)) {
            arr.add(v);
        } else {
            arr.add(format(v));
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, format(v));
        }
    }

    /** The SSIM window and constants, shared by {@code ssim} and {@code ms-ssim}. */
    static final class WindowOptions {
        @Option(names = "--kernel", defaultValue = "gaussian", paramLabel = "gaussian|uniform",
                description = "Window: gaussian (size from --sigma) or uniform (--kernel-size) (default ${DEFAULT-VALUE}).")
        String kernel;

        @Option(names = "--sigma", defaultValue = "1.5", description = "σ of the Gaussian window (default ${DEFAULT-VALUE}:"
                + " 11×11).")
        double sigma;

        @Option(names = "--kernel-size", defaultValue = "11", description = "Size of the uniform window; MS-SSIM's size"
                + " rule reads it for either window, as torchmetrics does (default ${DEFAULT-VALUE}).")
        int kernelSize;

        @Option(names = "--k1", defaultValue = "0.01", description = "k1 (default ${DEFAULT-VALUE}).")
        double k1;

        @Option(names = "--k2", defaultValue = "0.03", description = "k2 (default ${DEFAULT-VALUE}).")
        double k2;

        Ssim.Options options(double l) {
            boolean gaussian = switch (kernel.strip().toLowerCase(Locale.ROOT)) {
                case "gaussian" -> true;
                case "uniform" -> false;
                default -> throw new BadInputException("--kernel expects gaussian or uniform, got '" + kernel + "'");
            };
            return new Ssim.Options(l, gaussian, sigma, kernelSize, k1, k2);
        }

        static void describe(Ssim.Options s, ObjectNode o) {
            o.put("window", s.describeWindow());
            o.put("kernel", s.gaussian() ? "gaussian" : "uniform");
            o.put("sigma", s.sigma());
            o.put("kernel_size", s.kernelSize());
            o.put("k1", s.k1());
            o.put("k2", s.k2());
        }
    }

    @Command(name = "ssim", description = {"SSIM of image k of A against image k of B, one line per pair (torchmetrics"
            + " 1.9.0 structural_similarity_index_measure, float64; 1 = identical).",
            "A and B: .npy arrays (uint8, or float32/float64 with --range), PNG/JPEG files, folders, .tar.gz or IDX."})
    static final class SsimCommand extends PixelCommand {
        @Mixin
        WindowOptions window;

        @Override
        PixelMetric metric(double l) {
            return Ssim.of(window.options(l));
        }

        @Override
        void describe(PixelMetric m, ObjectNode o) {
            WindowOptions.describe(((Ssim) m).options(), o);
        }
    }

    @Command(name = "ms-ssim", description = {"MS-SSIM of image k of A against image k of B, one line per pair"
            + " (torchmetrics 1.9.0 multiscale_structural_similarity_index_measure, float64; 1 = identical).",
            "With the default 5 betas and 11-pixel window every side must be at least 176 pixels; for smaller images"
                    + " give fewer --betas and/or a smaller window (e.g. --betas 0.0448,0.2856,0.3001 --kernel-size 7"
                    + " for 28×28 and larger)."})
    static final class MsSsimCommand extends PixelCommand {
        @Mixin
        WindowOptions window;

        @Option(names = "--betas", paramLabel = "B1,B2,…", description = "One exponent per scale (default"
                + " 0.0448,0.2856,0.3001,0.2363,0.1333).")
        String betas;

        @Option(names = "--normalize", defaultValue = "relu", paramLabel = "relu|none|simple",
                description = "What happens to each scale's term first (default ${DEFAULT-VALUE}, as torchmetrics).")
        String normalize;

        @Override
        PixelMetric metric(double l) {
            MsSsim.Options o = MsSsim.Options.defaults(l).withSsim(window.options(l)).withNormalize(MsSsim.Normalize.of(
                    normalize));
            if (betas != null) {
                o = o.withBetas(parseBetas(betas));
            }
            return MsSsim.of(o);
        }

        static double[] parseBetas(String text) {
            try {
                return Arrays.stream(text.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw new BadInputException("--betas expects numbers separated by commas, got '" + text + "'");
            }
        }

        @Override
        void describe(PixelMetric m, ObjectNode o) {
            MsSsim.Options s = ((MsSsim) m).options();
            WindowOptions.describe(s.ssim(), o);
            ArrayNode b = o.putArray("betas");
            for (double v : s.betas()) {
                b.add(v);
            }
            o.put("normalize", s.normalize().id());
        }
    }

    @Command(name = "psnr", description = {"PSNR in dB of image k of A against image k of B, one line per pair"
            + " (torchmetrics 1.9.0 peak_signal_noise_ratio with an explicit data range); 'inf' for identical images.",
            "A and B: .npy arrays (uint8, or float32/float64 with --range), PNG/JPEG files, folders, .tar.gz or IDX."})
    static final class PsnrCommand extends PixelCommand {
        @Override
        PixelMetric metric(double l) {
            return Psnr.of(l);
        }
    }

    @Command(name = "mse", description = {"Mean squared error of image k of A against image k of B, one line per pair,"
            + " on the images' own scale (float64).",
            "A and B: .npy arrays (uint8, or float32/float64 with --range), PNG/JPEG files, folders, .tar.gz or IDX."})
    static final class MseCommand extends PixelCommand {
        @Override
        PixelMetric metric(double l) {
            return Mse.of();
        }
    }
}
