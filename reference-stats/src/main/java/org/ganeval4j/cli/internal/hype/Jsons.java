package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON mapper of the HYPE session. */
final class Jsons {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Jsons() {
    }
}
