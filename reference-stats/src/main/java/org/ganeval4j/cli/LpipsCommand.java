package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ganeval4j lpips A B}: LPIPS distances of image pairs, as the Python lpips package computes them. */
@Command(name = "lpips", description = {"LPIPS distance between A and B, one line per pair (pair k = image k of A and"
        + " of B).", "A and B: PNG/JPEG files, folders of them (sorted by path) or .npy uint8 arrays (N, 3, H, W)."})
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

    @Option(names = "--json", description = "Print a JSON object with the distances and their per-layer terms.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ImageInputs ia = ImageInputs.load(a);
        ImageInputs ib = ImageInputs.load(b);
        if (ia.count() != ib.count() || ia.height() != ib.height() || ia.width() != ib.width()) {
            throw new BadInputException("A and B must hold as many images of one size: " + a + " has " + ia.count() + " of "
                    + ia.height() + "×" + ia.width() + ", " + b + " has " + ib.count() + " of " + ib.height() + "×"
                    + ib.width());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Lpips lpips = model.build()) {
            lpips.net().tapShapes(ia.height(), ia.width());
            ObjectNode o = Json.object();
            ArrayNode distances = o.putArray("distances");
            ArrayNode layers = o.putArray("layers");
            int step = 64;
            for (int from = 0; from < ia.count(); from += step) {
                int n = Math.min(step, ia.count() - from);
                LpipsResult r = lpips.compare(ia.batch(from, n), ib.batch(from, n), false);
                for (int k = 0; k < n; k++) {
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
                o.put("pairs", ia.count());
                o.putPOJO("layer_names", lpips.layerNames());
                o.put("height", ia.height());
                o.put("width", ia.width());
                o.put("a", a.toString());
                o.put("b", b.toString());
                out.println(Json.write(o));
            }
        }
        return 0;
    }
}
