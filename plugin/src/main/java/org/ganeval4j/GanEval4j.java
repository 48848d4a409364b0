package org.ganeval4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Library-wide facts: the version written into every file ganeval4j produces. */
public final class GanEval4j {
    private static final String VERSION = readVersion();

    private GanEval4j() {
    }

    /** The library version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = GanEval4j.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
