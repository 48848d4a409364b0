package org.ganeval4j.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One evaluation as the UI stores it: iteration, epoch and every metric result, plus the PNG of the
 * sample grid. Public with a no-arg constructor for {@code FileStatsStorage} and remote UIs.
 */
public final class GanEvalUpdate extends JsonPersistable {
    /** The StatsStorage type id of ganeval4j records. */
    public static final String TYPE_ID = "GanEval4j";
    private static final long serialVersionUID = 1L;

    /** One metric result. */
    public record Point(String metric, double value, double std, boolean lowerIsBetter, long samples, String failure) {
    }

    private String sessionId;
    private String workerId;
    private long timestamp;
    private long iteration;
    private long epoch;
    private List<Point> points = new ArrayList<>();
    private byte[] samplesPng;

    /** For decoding. */
    public GanEvalUpdate() {
    }

    /** An evaluation's record. */
    public GanEvalUpdate(String sessionId, String workerId, long timestamp, long iteration, long epoch, List<Point> points,
                         byte[] samplesPng) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.iteration = iteration;
        this.epoch = epoch;
        this.points = List.copyOf(points);
        this.samplesPng = samplesPng == null ? null : samplesPng.clone();
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    public long iteration() {
        return iteration;
    }

    public long epoch() {
        return epoch;
    }

    public List<Point> points() {
        return points;
    }

    /** The sample grid PNG, or null. */
    public byte[] samplesPng() {
        return samplesPng == null ? null : samplesPng.clone();
    }

    @Override
    byte[] toJson() throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("session", sessionId);
        o.put("worker", workerId);
        o.put("timestamp", timestamp);
        o.put("iteration", iteration);
        o.put("epoch", epoch);
        ArrayNode a = o.putArray("points");
        for (Point p : points) {
            ObjectNode n = a.addObject();
            n.put("metric", p.metric());
            if (Double.isFinite(p.value())) {
                n.put("value", p.value());
            }
            if (Double.isFinite(p.std())) {
                n.put("std", p.std());
            }
            n.put("lowerIsBetter", p.lowerIsBetter());
            n.put("samples", p.samples());
            if (p.failure() != null) {
                n.put("failure", p.failure());
            }
        }
        if (samplesPng != null) {
            o.put("samplesPng", Base64.getEncoder().encodeToString(samplesPng));
        }
        return JSON.writeValueAsBytes(o);
    }

    @Override
    void fromJson(byte[] json) throws IOException {
        JsonNode o = JSON.readTree(json);
        sessionId = o.path("session").asText();
        workerId = o.path("worker").asText();
        timestamp = o.path("timestamp").asLong();
        iteration = o.path("iteration").asLong();
        epoch = o.path("epoch").asLong();
        List<Point> ps = new ArrayList<>();
        for (JsonNode n : o.path("points")) {
            ps.add(new Point(n.path("metric").asText(), n.has("value") ? n.get("value").asDouble() : Double.NaN,
                    n.has("std") ? n.get("std").asDouble() : Double.NaN, n.path("lowerIsBetter").asBoolean(),
                    n.path("samples").asLong(), n.has("failure") ? n.get("failure").asText() : null));
        }
        points = List.copyOf(ps);
        samplesPng = o.has("samplesPng") ? Base64.getDecoder().decode(o.get("samplesPng").asText()) : null;
    }
}
