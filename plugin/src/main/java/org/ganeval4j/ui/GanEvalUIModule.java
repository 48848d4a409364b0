package org.ganeval4j.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

/**
 * The ganeval4j page of the DL4J training UI, registered through {@code ServiceLoader}
 * ({@code META-INF/services/org.deeplearning4j.ui.api.UIModule}):
 * <ul>
 *   <li>{@code GET /ganeval4j} — the page: every metric's curve over iterations and the latest sample grid;</li>
 *   <li>{@code GET /ganeval4j/api/sessions} — the ganeval4j sessions in the attached storages (JSON);</li>
 *   <li>{@code GET /ganeval4j/api/sessions/:id} — a session's series per metric (JSON);</li>
 *   <li>{@code GET /ganeval4j/api/sessions/:id/samples.png} — its latest sample grid.</li>
 * </ul>
 * The DL4J UI server listens on all network interfaces; these routes answer loopback clients only
 * (HTTP 403 otherwise) unless {@link #allowRemoteClients(boolean)} or the system property
 * {@value #ALLOW_REMOTE_PROPERTY}{@code =true} says otherwise. State is static because the UI server
 * creates module instances itself.
 */
public final class GanEvalUIModule implements UIModule {
    /** System property that lets non-loopback clients read the ganeval4j routes. */
    public static final String ALLOW_REMOTE_PROPERTY = "ganeval4j.ui.allowRemote";

    private static final List<StatsStorage> STORAGES = new CopyOnWriteArrayList<>();
    private static volatile Boolean allowRemote;

    /** Public no-arg constructor for the UI server's {@code ServiceLoader}; cheap and side-effect free. */
    public GanEvalUIModule() {
    }

    /** Lets (or stops letting) non-loopback clients read the ganeval4j routes. */
    public static void allowRemoteClients(boolean allow) {
        allowRemote = allow;
    }

    static boolean remoteAllowed() {
        Boolean a = allowRemote;
        return a != null ? a : Boolean.getBoolean(ALLOW_REMOTE_PROPERTY);
    }

    /** True for 127.0.0.0/8 and ::1 in any spelling. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.equals("localhost");
    }

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of(GanEvalUpdate.TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route("/ganeval4j", HttpMethod.GET, (args, rc) -> guarded(rc, () -> page(rc))),
                new Route("/ganeval4j/api/sessions", HttpMethod.GET, (args, rc) -> guarded(rc, () -> sessions(rc))),
                new Route("/ganeval4j/api/sessions/:sessionId", HttpMethod.GET,
                        (args, rc) -> guarded(rc, () -> session(rc, args.get(0)))),
                new Route("/ganeval4j/api/sessions/:sessionId/samples.png", HttpMethod.GET,
                        (args, rc) -> guarded(rc, () -> samples(rc, args.get(0)))));
    }

    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // the page polls; nothing to push
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        if (!STORAGES.contains(statsStorage)) {
            STORAGES.add(statsStorage);
        }
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        STORAGES.remove(statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }

    // ------------------------------------------------------------------ handlers

    private interface Handler {
        void run() throws IOException;
    }

    private static void guarded(RoutingContext rc, Handler h) {
        String host = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().host();
        if (!isLoopback(host) && !remoteAllowed()) {
            rc.response().setStatusCode(403).putHeader("content-type", "text/plain; charset=utf-8")
                    .end("ganeval4j: this page answers loopback clients only (start the JVM with -D"
                            + ALLOW_REMOTE_PROPERTY + "=true to allow " + host + ")");
            return;
        }
        try {
            h.run();
        } catch (IOException | RuntimeException e) {
            rc.response().setStatusCode(500).putHeader("content-type", "text/plain; charset=utf-8")
                    .end("ganeval4j: " + e.getMessage());
        }
    }

    private static void page(RoutingContext rc) throws IOException {
        try (InputStream in = GanEvalUIModule.class.getResourceAsStream("index.html")) {
            if (in == null) {
                rc.response().setStatusCode(404).end("ganeval4j page missing from the class path");
                return;
            }
            rc.response().putHeader("content-type", "text/html; charset=utf-8")
                    .end(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void json(RoutingContext rc, Object node) throws IOException {
        rc.response().putHeader("content-type", "application/json")
                .end(JsonPersistable.JSON.writeValueAsString(node));
    }

    /** Every update of a session, across attached storages, by iteration. */
    static List<GanEvalUpdate> updates(String sessionId) {
        List<GanEvalUpdate> out = new ArrayList<>();
        for (StatsStorage s : STORAGES) {
            if (s.isClosed() || !s.sessionExists(sessionId)
                    || !s.listTypeIDsForSession(sessionId).contains(GanEvalUpdate.TYPE_ID)) {
                continue;
            }
            for (String worker : s.listWorkerIDsForSessionAndType(sessionId, GanEvalUpdate.TYPE_ID)) {
                for (Persistable p : s.getAllUpdatesAfter(sessionId, GanEvalUpdate.TYPE_ID, worker, 0)) {
                    if (p instanceof GanEvalUpdate u) {
                        out.add(u);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(GanEvalUpdate::getTimeStamp));
        return out;
    }

    private static void sessions(RoutingContext rc) throws IOException {
        ArrayNode a = JsonPersistable.JSON.createArrayNode();
        for (StatsStorage s : STORAGES) {
            if (s.isClosed()) {
                continue;
            }
            for (String id : s.listSessionIDs()) {
                if (!s.listTypeIDsForSession(id).contains(GanEvalUpdate.TYPE_ID)) {
                    continue;
                }
                List<GanEvalUpdate> u = updates(id);
                ObjectNode o = a.addObject();
                o.put("id", id);
                Persistable info = null;
                for (String w : s.listWorkerIDsForSessionAndType(id, GanEvalUpdate.TYPE_ID)) {
                    info = s.getStaticInfo(id, GanEvalUpdate.TYPE_ID, w);
                }
                o.put("description", info instanceof GanEvalStaticInfo i ? i.description() : "");
                o.put("evaluations", u.size());
                o.put("lastIteration", u.isEmpty() ? -1 : u.get(u.size() - 1).iteration());
                o.put("lastUpdate", u.isEmpty() ? 0 : u.get(u.size() - 1).getTimeStamp());
            }
        }
        json(rc, a);
    }

    private static void session(RoutingContext rc, String id) throws IOException {
        List<GanEvalUpdate> updates = updates(id);
        if (updates.isEmpty()) {
            rc.response().setStatusCode(404).end("no ganeval4j session " + id);
            return;
        }
        Map<String, ObjectNode> metrics = new LinkedHashMap<>();
        ObjectNode root = JsonPersistable.JSON.createObjectNode();
        root.put("id", id);
        ObjectNode ms = root.putObject("metrics");
        for (GanEvalUpdate u : updates) {
            for (GanEvalUpdate.Point p : u.points()) {
                ObjectNode m = metrics.computeIfAbsent(p.metric(), k -> {
                    ObjectNode n = ms.putObject(k);
                    n.put("lowerIsBetter", p.lowerIsBetter());
                    n.putArray("points");
                    n.putArray("failures");
                    return n;
                });
                if (p.failure() == null) {
                    ArrayNode pt = ((ArrayNode) m.get("points")).addArray();
                    pt.add(u.iteration()).add(p.value());
                    if (Double.isFinite(p.std())) {
                        pt.add(p.std());
                    }
                } else {
                    ((ArrayNode) m.get("failures")).addArray().add(u.iteration()).add(p.failure());
                }
            }
        }
        GanEvalUpdate last = updates.get(updates.size() - 1);
        root.put("lastIteration", last.iteration());
        root.put("samplesIteration", updates.stream().filter(u -> u.samplesPng() != null)
                .mapToLong(GanEvalUpdate::iteration).max().orElse(-1));
        json(rc, root);
    }

    private static void samples(RoutingContext rc, String id) {
        List<GanEvalUpdate> updates = updates(id);
        for (int i = updates.size() - 1; i >= 0; i--) {
            byte[] png = updates.get(i).samplesPng();
            if (png != null) {
                rc.response().putHeader("content-type", "image/png").putHeader("cache-control", "no-store")
                        .end(io.vertx.core.buffer.Buffer.buffer(png));
                return;
            }
        }
        rc.response().setStatusCode(404).end("no samples for session " + id);
    }
}
