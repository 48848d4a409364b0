package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.NpyHeader;
import org.ganeval4j.io.Npz;
import org.ganeval4j.stats.StatsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ganeval4j inspect FILE}: keys, shapes, dtypes and metadata of an .npz (or .npy). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print an .npz file's keys with dtype and shape, and its ganeval4j metadata (also works on .npy).")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode o = Json.object();
        o.put("path", file.toString());
        ArrayNode arrays = o.putArray("arrays");
        JsonNode metadata = null;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            arrays.add(entry("(array)", Npy.readHeader(file), false));
        } else {
            for (Map.Entry<String, NpyHeader> e : Npz.headers(file).entrySet()) {
                arrays.add(entry(e.getKey(), e.getValue(), Npz.isCompressed(file, e.getKey())));
            }
            if (Npz.keys(file).contains(StatsFile.METADATA_KEY)) {
                NpyArray m = Npz.read(file, StatsFile.METADATA_KEY);
                try {
                    metadata = Json.MAPPER.readTree(m.toUnicodeString());
                } catch (Exception e) {
                    metadata = Json.MAPPER.getNodeFactory().textNode(m.toString());
                }
            }
        }
        if (metadata != null) {
            o.set("metadata", metadata);
        }
        if (json) {
            out.println(Json.write(o));
            return 0;
        }
        out.println(file);
        for (JsonNode a : arrays) {
            out.printf("  %-16s %-6s %-14s%s%n", a.get("key").asText(), a.get("dtype").asText(), a.get("shape").toString(),
                    a.get("compressed").asBoolean() ? " (compressed)" : "");
        }
        if (metadata != null) {
            out.println("metadata:");
            metadata.fields().forEachRemaining(f -> out.printf("  %-16s %s%n", f.getKey(),
                    f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        }
        return 0;
    }

    private static ObjectNode entry(String key, NpyHeader h, boolean compressed) {
        ObjectNode e = Json.object();
        e.put("key", key);
        e.put("dtype", h.descriptor());
        ArrayNode shape = e.putArray("shape");
        for (long s : h.shape()) {
            shape.add(s);
        }
        e.put("fortran_order", h.fortranOrder());
        e.put("compressed", compressed);
        return e;
    }
}
