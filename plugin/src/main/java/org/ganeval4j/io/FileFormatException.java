package org.ganeval4j.io;

import java.io.IOException;

/**
 * A file exists but its content is not what was expected: a truncated or corrupt {@code .npy},
 * {@code .npz} or checkpoint, a missing entry, an unsupported version. The message names the file
 * (or entry), what was expected and what was found.
 */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public FileFormatException(String message) {
        super(message);
    }

    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
