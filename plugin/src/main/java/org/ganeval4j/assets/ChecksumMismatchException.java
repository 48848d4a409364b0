package org.ganeval4j.assets;

import java.io.IOException;

/**
 * A file's SHA-256 is not the one its asset declares. A download that fails this check is deleted,
 * never kept in the cache.
 */
public class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String message, String expected, String actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    /** The declared SHA-256 (full, or the prefix the asset carries), lower-case hex. */
    public String expected() {
        return expected;
    }

    /** The SHA-256 of the bytes received, lower-case hex. */
    public String actual() {
        return actual;
    }
}
