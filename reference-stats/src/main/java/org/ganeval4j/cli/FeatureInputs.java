package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.io.Npz;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * Feature matrices given on the command line: a {@code .npy} (rows = samples) or the {@code .npz}
 * the {@code features} command writes (its main output: {@code pool_2048} for FID Inception, the one
 * matrix of the other extractors).
 */
final class FeatureInputs {
    private FeatureInputs() {
    }

    static FeatureMatrix load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            return FeatureMatrix.of(Npz.read(path, mainKey(path)));
        }
        if (!name.endsWith(".npy")) {
            throw new BadInputException(path + ": expected a .npy feature matrix (rows = samples) or the .npz of"
                    + " ganeval4j features");
        }
        return FeatureMatrix.read(path);
    }

    /** True for an {@code .npz} written by the {@code features} command. */
    static boolean isFeaturesNpz(Path path) throws IOException {
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz") || !Files.exists(path)) {
            return false;
        }
        JsonNode meta = metadata(path);
        return meta != null && FeaturesCommand.FORMAT.equals(meta.path("format").asText());
    }

    /** The extractor id a features {@code .npz} names, or null. */
    static String extractorOf(Path path) throws IOException {
        JsonNode meta = metadata(path);
        return meta == null ? null : meta.path("extractor").asText(null);
    }

    private static JsonNode metadata(Path path) throws IOException {
        if (!Npz.keys(path).contains("metadata")) {
            return null;
        }
        NpyArray m = Npz.read(path, "metadata");
        try {
            return Json.MAPPER.readTree(m.toUnicodeString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The array of a features {@code .npz} that holds the extractor's main output. */
    private static String mainKey(Path path) throws IOException {
        List<String> keys = Npz.keys(path).stream().filter(k -> !k.equals("metadata")).toList();
        if (keys.contains("mu") || keys.contains("sigma")) {
            throw new BadInputException(path + ": holds statistics (mu, sigma), not features: KID, precision/recall and"
                    + " density/coverage need feature rows (ganeval4j features, or a .npy)");
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        if (FidInceptionV3.ID.equals(extractorOf(path)) && keys.contains(FidInceptionV3.POOL_2048)) {
            return FidInceptionV3.POOL_2048;
        }
        throw new BadInputException(path + ": several feature arrays " + keys + " and none is the main output: save"
                + " one as a .npy");
    }

    static void requireSameDim(Path a, FeatureMatrix fa, Path b, FeatureMatrix fb) {
        if (fa.cols() != fb.cols()) {
            throw new BadInputException("dimension mismatch: " + a + " has d=" + fa.cols() + ", " + b + " has d="
                    + fb.cols());
        }
    }
}
