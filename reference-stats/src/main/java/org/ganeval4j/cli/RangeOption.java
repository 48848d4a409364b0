package org.ganeval4j.cli;

import java.util.Locale;
import org.ganeval4j.image.InputRange;
import picocli.CommandLine.Option;

/**
 * {@code --range -1,1|0,1|0,255}: the value range of float {@code .npy} image inputs, shared by every
 * command that reads images. uint8 arrays and image files are on 0..255 and need none.
 */
final class RangeOption {
    @Option(names = "--range", paramLabel = "LO,HI",
            description = "Value range of float32/float64 .npy images (N, C, H, W): -1,1, 0,1 or 0,255; every value is"
                    + " checked to lie in it. uint8 arrays and image files are 0..255 and need none.")
    String range;

    /** The declared range, or null when none was given. */
    InputRange get() {
        return parse(range);
    }

    static InputRange parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replace(" ", "").toLowerCase(Locale.ROOT);
        return switch (t) {
            case "-1,1" -> InputRange.MINUS_ONE_ONE;
            case "0,1" -> InputRange.ZERO_ONE;
            case "0,255" -> InputRange.ZERO_255;
            default -> throw new BadInputException("--range expects -1,1, 0,1 or 0,255, got '" + text + "'");
        };
    }
}
