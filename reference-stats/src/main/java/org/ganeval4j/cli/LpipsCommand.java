package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ganeval4j lpips A B}: LPIPS distances of image pairs, as the Python lpips package computes them. */
@Command(name = "lpips", description = {"LPIPS distance between A and B, one line per pair (pair k = image k of A and"
        + " of B).", "A and B: PNG/JPEG files, folders of images (sorted by path), .tar.gz archives or .npy arrays"
        + " (N, C, H, W): uint8, or float32/float64 with --range (e.g. -1,1 for the [-1, 1] convention of"
        + " torchmetrics' normalize=False; float values are not quantised)."})
final class LpipsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "A", description = "Image file, folder or .npy.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Image file, folder or .npy.")
    Path b;

    @Mixin
    LpipsOptions model;

    @Mixin
    RangeOption range;

    @Option(names = "--json", description = "Print a JSON object with the distances, their mean and per-layer terms.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        INDArray ia = ImageInputs.readAll(a, range.get());
        INDArray ib = ImageInputs.readAll(b, range.get());
        if (ia.size(0) != ib.size(0) || !ImageInputs.sameSize(ia, ib)) {
            throw new BadInputException("A and B must hold as many images of one size: " + a + " has " + ia.size(0)
                    + " of " + ImageInputs.size(ia) + ", " + b + " has " + ib.size(0) + " of " + ImageInputs.size(ib));
        }
        int count = (int) ia.size(0);
        PrintWriter out = spec.commandLine().getOut();
        try (Lpips lpips = model.build()) {
            lpips.net().tapShapes((int) ia.size(2), (int) ia.size(3));
            ObjectNode o = Json.object();
            ArrayNode distances = o.putArray("distances");
            ArrayNode layers = o.putArray("layers");
            int step = 64;
            double sum = 0;
            for (int from = 0; from < count; from += step) {
                int n = Math.min(step, count - from);
                LpipsResult r = lpips.compare(rows(ia, from, n), rows(ib, from, n), false);
                for (int k = 0; k < n; k++) {
                    sum += r.distance(k);
                    if (json) {
                        distances.add(r.distance(k));
                        ArrayNode t = layers.addArray();
                        for (double v : r.layers(k)) {
                            t.add(v);
                        }
                    } else {
                        out.println(r.distance(k));
                    }
                }
            }
            if (json) {
                o.put("net", lpips.net().id());
                o.put("version", lpips.version());
                o.put("pairs", count);
                o.put("mean", sum / count);
                o.putPOJO("layer_names", lpips.layerNames());
                o.put("height", ia.size(2));
                o.put("width", ia.size(3));
                o.put("a", a.toString());
                o.put("b", b.toString());
                out.println(Json.write(o));
            }
        }
        return 0;
    }

    private static INDArray rows(INDArray a, int from, int n) {
        return a.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
