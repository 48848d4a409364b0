package org.ganeval4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import org.ganeval4j.io.AtomicFiles;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ganeval4j sample GENERATOR.zip -n N -o OUT}: the generator's samples for latent rows
 * 0..N−1 — exactly the images {@code ganeval4j eval} evaluates (same latents, same 8-bit
 * quantisation) — as PNG files {@code 000000.png, …} in a folder, or as a uint8 (N, C, H, W) array
 * ({@code .npy}, or {@code .npz} key {@code images}), so other tools (pytorch-fid, clean-fid,
 * torch-fidelity) can score the same images.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a saved generator's samples (latent rows 0..N-1, the images ganeval4j eval evaluates) as"
                + " PNG files in a folder, or a uint8 (N, C, H, W) .npy / .npz (key 'images'). Prints the number"
                + " written."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GENERATOR.zip", description = "The saved generator.")
    Path generator;

    @Option(names = "-n", required = true, description = "Number of samples.")
    int n;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR|FILE.npy|FILE.npz",
            description = "A folder for PNG files (created; must not hold PNG files yet), or an .npy/.npz file (must not"
                    + " exist).")
    Path output;

    @Option(names = "--batch", defaultValue = "100", description = "Samples per generator batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    GeneratorOptions generatorOptions;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new BadInputException("-n must be >= 1, got " + n);
        }
        if (batch < 1) {
            throw new BadInputException("--batch must be >= 1, got " + batch);
        }
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean array = name.endsWith(".npy") || name.endsWith(".npz");
        if (array && Files.exists(output)) {
            throw new BadInputException(output + " exists: choose a new file (nothing is overwritten)");
        }
        if (!array) {
            refuseEarlierSamples(output);
        }
        GeneratorOptions.Sampler s = generatorOptions.resolve(generator);
        int c = s.format().channels();
        int h = s.format().height();
        int w = s.format().width();
        long per = (long) c * h * w;
        if (array && n * per > Integer.MAX_VALUE - 8) {
            throw new BadInputException(n + " samples of " + c + "×" + h + "×" + w + " exceed one array (2 GB): write PNG"
                    + " files into a folder instead");
        }
        byte[] all = array ? new byte[(int) (n * per)] : null;
        try (ProgressBar bar = ImageInputs.bar(progress, "samples", n);
             MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                INDArray images = s.format().toCanonical(s.generator().sample(s.latent().latents(from, count),
                        s.latent().labels(from, count)));
                float[] v = images.dup('c').data().asFloat();
                if (array) {
                    for (int i = 0; i < v.length; i++) {
                        all[(int) (from * per) + i] = (byte) Math.round(v[i]);
                    }
                } else {
                    for (int k = 0; k < count; k++) {
                        writePng(output.resolve(String.format(Locale.ROOT, "%06d.png", from + k)), v, k, c, h, w);
                    }
                }
                if (bar != null) {
                    bar.stepTo(from + count);
                }
            }
        }
        if (array) {
            NpyArray a = NpyArray.ofUint8(all, n, c, h, w);
            if (name.endsWith(".npy")) {
                AtomicFiles.write(output, o -> Npy.write(a, o));
            } else {
                Map<String, NpyArray> m = new LinkedHashMap<>();
                m.put("images", a);
                Npz.write(output, m, false);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(n);
        return 0;
    }

    private static void refuseEarlierSamples(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is a file: -o takes a folder, an .npy or an .npz");
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.png")) {
                for (Path p : ds) {
                    throw new BadInputException(dir + " already holds PNG files (" + p.getFileName()
                            + "): choose a new folder (nothing is overwritten)");
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Image {@code k} of a canonical NCHW batch (0..255, quantised) as an 8-bit gray or RGB PNG. */
    private static void writePng(Path file, float[] v, int k, int c, int h, int w) throws IOException {
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        int base = k * c * plane;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (c == 1) {
                    int g = Math.round(v[base + p]);
                    img.getRaster().setSample(x, y, 0, g);
                } else {
                    int r = Math.round(v[base + p]);
                    int g = Math.round(v[base + plane + p]);
                    int b = Math.round(v[base + 2 * plane + p]);
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        AtomicFiles.write(file, o -> {
            if (!ImageIO.write(img, "png", o)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
