package org.ganeval4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ganeval4j.stats.StatsProvenance;

/** JSON output helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode provenance(StatsProvenance p) {
        ObjectNode o = object();
        o.put("extractor", p.extractor());
        o.put("layer", p.layer());
        o.put("dims", p.dims());
        o.put("weights_sha256", p.weightsSha256());
        o.put("resize_mode", p.resizeMode());
        o.put("dataset_id", p.datasetId());
        o.put("library_version", p.libraryVersion());
        return o;
    }
}
