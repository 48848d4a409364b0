package org.ganeval4j.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.storage.impl.SbeStorageMetaData;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.sink.MetricSink;
import org.ganeval4j.sink.SampleGridSink;

/**
 * Sends evaluations to the DL4J UI: into a {@link StatsStorageRouter} in this process
 * ({@code InMemoryStatsStorage}, {@code FileStatsStorage}, attached to {@code UIServer}), or to a UI
 * server in another process ({@link #remote}), which must have {@code enableRemoteListener()} on.
 * The storage metadata and static information are written once per session before the first update,
 * as StatsStorage requires. The remote form posts synchronously with a short timeout, so a UI that is
 * down is reported to the listener (which logs it once) instead of being retried in the background.
 */
public final class UiSink implements MetricSink {
    private static final String WORKER = "ganeval4j";

    private final StatsStorageRouter router;
    private final URI remote;
    private final HttpClient http;
    private final String sessionId;
    private final String description;
    private boolean started;
    private long lastTimestamp;

    private UiSink(StatsStorageRouter router, URI remote, String sessionId, String description) {
        this.router = router;
        this.remote = remote;
        this.http = remote == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.sessionId = sessionId == null ? "ganeval4j-" + UUID.randomUUID().toString().substring(0, 8) : sessionId;
        this.description = description == null ? "" : description;
    }

    /** Writes into {@code router} (e.g. the {@code StatsStorage} attached to the UI server) under a new session id. */
    public static UiSink to(StatsStorageRouter router) {
        return to(router, null, null);
    }

    /** Writes into {@code router} under {@code sessionId} (null: generated) with a description. */
    public static UiSink to(StatsStorageRouter router, String sessionId, String description) {
        return new UiSink(Objects.requireNonNull(router, "router"), null, sessionId, description);
    }

    /**
     * Posts to the UI server at {@code address} (e.g. {@code http://localhost:9000}), which must have
     * the remote listener enabled and ganeval4j on its class path.
     */
    public static UiSink remote(URI address, String sessionId, String description) {
        String a = address.toString();
        URI endpoint = URI.create((a.endsWith("/") ? a : a + "/") + "remoteReceive");
        return new UiSink(null, endpoint, sessionId, description);
    }

    /** The session id under which evaluations are stored. */
    public String sessionId() {
        return sessionId;
    }

    @Override
    public synchronized void accept(Evaluation e) throws IOException {
        long now = nextTimestamp();
        if (!started) {
            put("MetaData", new SbeStorageMetaData(now, sessionId, GanEvalUpdate.TYPE_ID, WORKER,
                    GanEvalStaticInfo.class, GanEvalUpdate.class));
            put("StaticInfo", new GanEvalStaticInfo(sessionId, WORKER, now, description));
            started = true;
        }
        List<GanEvalUpdate.Point> points = new ArrayList<>();
        for (MetricResult r : e.results()) {
            points.add(new GanEvalUpdate.Point(r.name(), r.value(), r.std(), r.direction().minimize(), r.samples(),
                    r.failure()));
        }
        byte[] png = null;
        if (e.samples() != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(SampleGridSink.grid(e.samples(), 64, 2), "png", out);
            png = out.toByteArray();
        }
        put("Update", new GanEvalUpdate(sessionId, WORKER, nextTimestamp(), e.iteration(), e.epoch(), points, png));
    }

    /** StatsStorage keys updates by timestamp: keep them strictly increasing. */
    private long nextTimestamp() {
        lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        return lastTimestamp;
    }

    private void put(String type, Persistable p) throws IOException {
        if (router != null) {
            switch (type) {
                case "MetaData" -> router.putStorageMetaData((StorageMetaData) p);
                case "StaticInfo" -> router.putStaticInfo(p);
                default -> router.putUpdate(p);
            }
            return;
        }
        ObjectNode o = JsonPersistable.JSON.createObjectNode();
        o.put("type", type);
        o.put("class", p.getClass().getName());
        o.put("data", Base64.getEncoder().encodeToString(p.encode()));
        HttpRequest req = HttpRequest.newBuilder(remote).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(o.toString()))
                .build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException ex) {
            throw new IOException("the DL4J UI at " + remote + " is not reachable (is it running?)", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to the DL4J UI at " + remote, ex);
        }
        if (resp.statusCode() != 200) {
            throw new IOException("the DL4J UI at " + remote + " answered " + resp.statusCode() + ": " + resp.body().strip());
        }
    }

    @Override
    public String name() {
        return remote != null ? "DL4J UI at " + remote : "DL4J UI storage";
    }
}
