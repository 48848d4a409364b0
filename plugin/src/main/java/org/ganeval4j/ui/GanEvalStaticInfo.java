package org.ganeval4j.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What the UI knows about a ganeval4j session before its first evaluation: when it started and a
 * description. Stored once per session ({@code putStaticInfo}). Public with a no-arg constructor for
 * {@code FileStatsStorage} and remote UIs.
 */
public final class GanEvalStaticInfo extends JsonPersistable {
    private static final long serialVersionUID = 1L;

    private String sessionId;
    private String workerId;
    private long timestamp;
    private String description;

    /** For decoding. */
    public GanEvalStaticInfo() {
    }

    /** A session's static information. */
    public GanEvalStaticInfo(String sessionId, String workerId, long timestamp, String description) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.description = description;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return GanEvalUpdate.TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    /** The session's description. */
    public String description() {
        return description;
    }

    @Override
    byte[] toJson() throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("session", sessionId);
        o.put("worker", workerId);
        o.put("timestamp", timestamp);
        o.put("description", description);
        return JSON.writeValueAsBytes(o);
    }

    @Override
    void fromJson(byte[] json) throws IOException {
        JsonNode o = JSON.readTree(json);
        sessionId = o.path("session").asText();
        workerId = o.path("worker").asText();
        timestamp = o.path("timestamp").asLong();
        description = o.path("description").asText("");
    }
}
