package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.AssetUnavailableException;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.preprocess.ResizeMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j features INPUT -o OUT.npz}: FID Inception features of images, every output of
 * one forward pass, as float32 arrays with one row per image, plus a {@code metadata} JSON string
 * saying how they were made.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Features of images: writes OUT.npz with float32 arrays, one row per image in input order — for"
                + " fid-inception pool_64, pool_192, pool_768, pool_2048, logits, logits_unbiased; for squeezenet"
                + " pool_512; for alexnet pool_256 — 'sources', the input of each row (a path, or #k for row k of an"
                + " array or IDX file), and a metadata JSON string. Prints the number of images.",
                "INPUT: a .npy array (N, C, H, W) with C = 1 or 3 (or (N, H, W)) — uint8, or float32/float64 with"
                        + " --range —, an image folder, a .tar.gz of images or an IDX file (MNIST)."})
final class FeaturesCommand implements Callable<Integer> {
    /** {@code format} of the metadata entry. */
    static final String FORMAT = "ganeval4j-features";
    /** The array naming each row's input. */
    static final String SOURCES = "sources";
    /** {@code format_version} of the metadata entry. */
    static final int FORMAT_VERSION = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Images: .npy (N, C, H, W) uint8 or float with --range, folder, .tar.gz or IDX.")
    Path input;

    @Mixin
    RangeOption range;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npz", description = "The .npz to write.")
    Path output;

    @Option(names = "--extractor", defaultValue = FidInceptionV3.ID,
            description = "Feature extractor: fid-inception (six outputs; default), squeezenet or alexnet (one output each).")
    String extractor;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "FID Inception weights (pt_inception-2015-12-05-6726825d.pth); default: the asset directory,"
                    + " the cache, else a download.")
    Path weights;

    @Option(names = "--resize", paramLabel = "MODE",
            description = ExtractorOptions.RESIZE_HELP)
    String resize;

    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", defaultValue = "0", description = "Use a seeded random subset of N images (default: all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the --limit subset (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print a JSON object describing what was written.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Extractors.IDS.contains(extractor)) {
            throw new BadInputException("unknown extractor '" + extractor + "', expected one of " + Extractors.IDS);
        }
        BadInputException.requireBatch(batch, "--batch");
        if (!output.getFileName().toString().endsWith(".npz")) {
            throw new BadInputException("-o must name an .npz file, got " + output);
        }
        ResizeMode mode = resize == null ? null : ResizeMode.fromId(resize);
        try (ImageSource images = ImageInputs.open(input, limit, seed, range.get());
             FeatureExtractor net = create(extractor, weights, mode, batch)) {
            Map<String, Integer> dims = net.outputs();
            Map<String, List<float[]>> parts = new LinkedHashMap<>();
            dims.keySet().forEach(k -> parts.put(k, new ArrayList<>()));
            long n = 0;
            List<String> sources = new ArrayList<>();
            INDArray b;
            while ((b = images.next(batch)) != null) {
                List<String> names = images.lastNames();
                for (int i = 0; i < b.size(0); i++) {
                    sources.add(i < names.size() ? names.get(i) : "#" + (n + i));
                }
                Map<String, INDArray> f = net.extract(b, dims.keySet());
                for (String k : dims.keySet()) {
                    parts.get(k).add(f.get(k).castTo(DataType.FLOAT).dup('c').data().asFloat());
                }
                n += b.size(0);
            }
            if (n == 0) {
                throw new BadInputException("no images in " + input + (images.skipped().isEmpty() ? ""
                        : " (skipped: " + String.join("; ", images.skipped()) + ")"));
            }
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            for (String k : dims.keySet()) {
                int d = dims.get(k);
                float[] all = new float[Math.toIntExact(n * d)];
                int at = 0;
                for (float[] p : parts.get(k)) {
                    System.arraycopy(p, 0, all, at, p.length);
                    at += p.length;
                }
                arrays.put(k, NpyArray.ofFloats(all, n, d));
            }
            // which input each row comes from (a path in the folder or archive, #k for row k of an array or IDX
            // file): rows stay matched to their images when unreadable ones are skipped
            arrays.put(SOURCES, NpyArray.ofStrings(sources));
            ObjectNode meta = metadata(net, images.description(), n);
            meta.put("skipped", images.skipped().size());
            meta.putPOJO("skipped_images", images.skipped());
            arrays.put("metadata", NpyArray.ofString(Json.MAPPER.writeValueAsString(meta)));
            Npz.write(output, arrays, false);
            String distance = Extractors.distanceName(net.spec().extractor());
            if (!distance.equals("FID")) {
                spec.commandLine().getErr().println("ganeval4j: note: " + Extractors.notComparableNote(distance));
            }
            if (!images.skipped().isEmpty()) {
                spec.commandLine().getErr().println("ganeval4j: note: skipped " + images.skipped().size()
                        + " undecodable image(s): " + String.join("; ", images.skipped()));
            }
            var out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = meta.deepCopy();
                o.put("output", output.toString());
                out.println(Json.write(o));
            } else {
                out.println(n);
            }
        }
        return 0;
    }

    /** The network from {@code --weights} or the asset resolver; an unavailable asset is bad input. */
    static FidInceptionV3 load(Path weights, ResizeMode mode, int batch) throws IOException {
        try {
            FidInceptionV3.Builder b = FidInceptionV3.builder().assets(AssetResolver.fromEnvironment()).resizeMode(mode)
                    .batchSize(batch);
            return (weights == null ? b : b.weights(weights)).build();
        } catch (AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The extractor; an unavailable asset is bad input. */
    static FeatureExtractor create(String id, Path weights, ResizeMode mode, int batch) throws IOException {
        try {
            boolean inception = id.equals(FidInceptionV3.ID);
            ResizeMode m = inception && mode == null ? ResizeMode.PYTORCH : mode;
            return Extractors.create(new Extractors.Choice(id, weights, m, null, batch));
        } catch (AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static ObjectNode metadata(FeatureExtractor net, String input, long n) {
        ObjectNode o = Json.object();
        o.put("format", FORMAT);
        o.put("format_version", FORMAT_VERSION);
        o.put("library_version", GanEval4j.version());
        o.put("extractor", net.spec().extractor());
        o.put("resize_mode", net.spec().resizeMode());
        o.put("weights_sha256", net.spec().weightsSha256());
        o.put("count", n);
        o.put("input", input);
        String distance = Extractors.distanceName(net.spec().extractor());
        o.put("distance", distance);
        if (!distance.equals("FID")) {
            o.put("note", Extractors.notComparableNote(distance));
        }
        ObjectNode d = o.putObject("dims");
        net.outputs().forEach(d::put);
        return o;
    }
}
