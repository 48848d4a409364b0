package org.ganeval4j.cli.internal.hype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ganeval4j.metric.Hype;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HYPE page on Vert.x (the vertx-core that DL4J's UI brings). By default it listens on 127.0.0.1
 * only and answers only requests from a loopback address whose {@code Host} is this server (no DNS
 * rebinding); with {@code allowRemote} it listens on every interface and answers only requests whose
 * path starts with the session's random token ({@code /TOKEN/…}), anything else getting an empty
 * 404. The results page and the report need the session's key ({@code results?key=…}) either way.
 *
 * <p>Routes under the base path: {@code GET /} the page, {@code GET hype.js|hype.css}, {@code GET
 * api/info}, {@code POST api/start} ({@code {"name", "frame_ms"}}), {@code POST api/answer}
 * ({@code {"trial", "answer", "rt_ms", "shown_ms"}}), {@code GET results?key=} (HTML) and
 * {@code GET api/report?key=} (JSON). POSTs must be {@code application/json} (a cross-site form
 * cannot send that without a preflight, which is never granted) of at most 64 kB. Every session call
 * runs on one ordered worker, so answers are taken and logged one at a time.
 *
 * <p>Thread safe.
 */
public final class HypeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HypeServer.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final String RESOURCES = "/org/ganeval4j/cli/internal/hype/";

    private final HypeSession session;
    private final boolean allowRemote;
    private final Secrets secrets;
    private final Vertx vertx;
    private final HttpServer server;
    private final int port;
    private final String host;
    private final Set<String> hosts;
    private final byte[] page;
    private final byte[] script;
    private final byte[] style;

    private HypeServer(HypeSession session, boolean allowRemote, Secrets secrets, Vertx vertx, HttpServer server, int port,
                       String host) {
        this.session = session;
        this.allowRemote = allowRemote;
        this.secrets = secrets;
        this.vertx = vertx;
        this.server = server;
        this.port = port;
        this.host = host;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.page = resource("index.html");
        this.script = resource("hype.js");
        this.style = resource("hype.css");
    }

    /**
     * Starts serving {@code session}.
     *
     * @param port        the port, 0 for any free one
     * @param allowRemote listen on every interface and require the token
     * @throws IOException when the port cannot be bound
     */
    public static HypeServer start(HypeSession session, int port, boolean allowRemote) throws IOException {
        if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
            System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        }
        Secrets secrets = Secrets.of(session.directory());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        String bind = allowRemote ? "0.0.0.0" : "127.0.0.1";
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(bind).setPort(port)
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setCompressionSupported(false));
        HypeServer[] self = new HypeServer[1];
        server.requestHandler(req -> self[0].handle(req));
        CompletableFuture<HttpServer> bound = new CompletableFuture<>();
        server.listen(ar -> {
            if (ar.succeeded()) {
                bound.complete(ar.result());
            } else {
                bound.completeExceptionally(ar.cause());
            }
        });
        try {
            HttpServer s = bound.get(30, TimeUnit.SECONDS);
            self[0] = new HypeServer(session, allowRemote, secrets, vertx, s, s.actualPort(),
                    allowRemote ? publicHost() : "127.0.0.1");
            return self[0];
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            vertx.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable c = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("could not listen on " + bind + ":" + port + ": " + c.getMessage(), c);
        }
    }

    /** The port listened on. */
    public int port() {
        return port;
    }

    /** The base of every link: {@code http://127.0.0.1:PORT/}, or {@code http://HOST:PORT/TOKEN/} with remote access. */
    public String baseUrl() {
        return "http://" + host + ":" + port + "/" + (allowRemote ? secrets.token() + "/" : "");
    }

    /** The link evaluators open. */
    public String evaluatorUrl() {
        return baseUrl();
    }

    /** The results page (needs the session key). */
    public String resultsUrl() {
        return baseUrl() + "results?key=" + secrets.key();
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.close(ar -> done.complete(null));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the HYPE server did not stop cleanly: {}", e.toString());
        }
    }

    private void handle(HttpServerRequest req) {
        HttpServerResponse res = req.response();
        res.putHeader("Cache-Control", "no-store");
        res.putHeader("X-Content-Type-Options", "nosniff");
        res.putHeader("Referrer-Policy", "no-referrer");
        res.putHeader("X-Frame-Options", "DENY");
        res.putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
        String path = req.path() == null ? "/" : req.path();
        String rel;
        if (allowRemote) {
            String prefix = "/" + secrets.token() + "/";
            if (path.equals("/" + secrets.token())) {
                res.setStatusCode(302).putHeader("Location", prefix).end();
                return;
            }
            byte[] got = path.length() >= prefix.length() ? path.substring(0, prefix.length()).getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            if (!MessageDigest.isEqual(got, prefix.getBytes(StandardCharsets.UTF_8))) {
                res.setStatusCode(404).end();
                return;
            }
            rel = path.substring(prefix.length());
        } else {
            String remote = req.remoteAddress() == null ? "" : req.remoteAddress().host();
            if (!isLoopback(remote)) {
                error(res, 403, "this HYPE server answers this machine only (start it with --allow-remote for others)");
                return;
            }
            String h = req.host() == null ? "" : req.host().toLowerCase(Locale.ROOT);
            if (!hosts.contains(h)) {
                error(res, 421, "unexpected Host header: open " + baseUrl());
                return;
            }
            rel = path.substring(1);
        }
        HttpMethod m = req.method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD) {
            switch (rel) {
                case "" -> bytes(res, 200, "text/html; charset=utf-8", page);
                case "hype.js" -> bytes(res, 200, "text/javascript; charset=utf-8", script);
                case "hype.css" -> bytes(res, 200, "text/css; charset=utf-8", style);
                case "api/info" -> json(res, 200, info());
                case "results", "api/report" -> {
                    String key = req.getParam("key");
                    if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                            secrets.key().getBytes(StandardCharsets.UTF_8))) {
                        error(res, 403, "the results need the key printed when the server started (results?key=…)");
                        return;
                    }
                    blocking(res, () -> {
                        HypeReport r = session.report(Hype.REPLICATES, session.config().seed());
                        return rel.equals("results")
                                ? new Reply(200, "text/html; charset=utf-8", ResultsPage.html(r).getBytes(StandardCharsets.UTF_8))
                                : new Reply(200, "application/json; charset=utf-8", Jsons.MAPPER.writeValueAsBytes(r.toJson()));
                    });
                }
                default -> error(res, 404, "not found");
            }
            return;
        }
        if (m != HttpMethod.POST || !(rel.equals("api/start") || rel.equals("api/answer"))) {
            error(res, m == HttpMethod.POST ? 404 : 405, m == HttpMethod.POST ? "not found" : "method not allowed");
            return;
        }
        String type = req.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/json")) {
            error(res, 415, "requests must be application/json");
            return;
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + req.host())) {
            error(res, 403, "cross-origin requests are not answered");
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.strip().matches("\\d{1,12}") && Long.parseLong(length.strip()) > MAX_BODY) {
            error(res, 413, "request body over " + MAX_BODY + " bytes");
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        req.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY) {
                tooLarge[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (tooLarge[0]) {
                error(res, 413, "request body over " + MAX_BODY + " bytes");
                return;
            }
            blocking(res, () -> api(rel, body.getBytes()));
        });
    }

    /** A reply computed off the event loop. */
    private record Reply(int status, String type, byte[] body) {
    }

    @FunctionalInterface
    private interface Work {
        Reply run() throws Exception;
    }

    private void blocking(HttpServerResponse res, Work work) {
        vertx.<Reply>executeBlocking(p -> {
            try {
                p.complete(work.run());
            } catch (HypeSession.Refused e) {
                p.complete(errorReply(e.status(), e.getMessage()));
            } catch (IOException e) {
                LOG.error("HYPE: could not record an answer: {}", e.toString());
                p.complete(errorReply(503, "the server could not write the answer to disk; it was not recorded, try again"));
            } catch (Exception e) {
                LOG.error("HYPE: internal error", e);
                p.complete(errorReply(500, "internal error: " + e));
            }
        }, true, ar -> {
            Reply r = ar.succeeded() ? ar.result() : errorReply(500, "internal error");
            bytes(res, r.status(), r.type(), r.body());
        });
    }

    private Reply api(String rel, byte[] body) throws IOException {
        JsonNode in;
        try {
            in = Jsons.MAPPER.readTree(body);
        } catch (IOException e) {
            return errorReply(400, "the body is not JSON");
        }
        if (in == null || !in.isObject()) {
            return errorReply(400, "the body must be a JSON object");
        }
        HypeSession.Step step;
        if (rel.equals("api/start")) {
            step = session.start(in.path("name").asText(""), in.path("frame_ms").isNumber() ? in.get("frame_ms").asDouble()
                    : Double.NaN);
        } else {
            step = session.answer(in.path("trial").asText(null), in.path("answer").asText(null),
                    in.path("rt_ms").isNumber() ? in.get("rt_ms").asDouble() : Double.NaN,
                    in.path("shown_ms").isNumber() ? in.get("shown_ms").asDouble() : Double.NaN);
        }
        return new Reply(200, "application/json; charset=utf-8", Jsons.MAPPER.writeValueAsBytes(stepJson(step)));
    }

    private ObjectNode info() {
        HypeConfig c = session.config();
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("mode", c.modeName());
        o.put("images", c.images());
        o.put("blocks", c.blocks());
        o.put("tutorial", c.tutorial());
        o.put("qualification", c.qualification());
        o.put("qualification_pass", c.qualificationPass());
        o.put("trials", c.totalTrials());
        return o;
    }

    private ObjectNode stepJson(HypeSession.Step s) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("evaluator", s.evaluator());
        o.put("mode", session.config().modeName());
        o.put("done", s.done());
        if (s.message() != null) {
            o.put("message", s.message());
        }
        if (s.feedbackCorrect() != null) {
            ObjectNode f = o.putObject("feedback");
            f.put("correct", s.feedbackCorrect());
            f.put("truth", s.feedbackTruth());
        }
        HypeSession.TrialView t = s.trial();
        if (t != null) {
            ObjectNode v = o.putObject("trial");
            v.put("id", t.trial());
            v.put("phase", t.phase());
            v.put("block", t.block());
            v.put("blocks", t.blocks());
            v.put("index", t.phaseIndex());
            v.put("count", t.phaseTotal());
            v.put("position", t.position());
            v.put("total", t.total());
            v.put("timed", t.timed());
            if (t.timed()) {
                v.put("exposure_ms", t.exposureMs());
                v.put("frames", t.frames());
            }
            v.put("image", t.image());
        }
        return o;
    }

    private static Reply errorReply(int status, String message) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("error", message);
        try {
            return new Reply(status, "application/json; charset=utf-8", Jsons.MAPPER.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(HttpServerResponse res, int status, String message) {
        Reply r = errorReply(status, message);
        bytes(res, r.status(), r.type(), r.body());
    }

    private static void json(HttpServerResponse res, int status, ObjectNode o) {
        try {
            bytes(res, status, "application/json; charset=utf-8", Jsons.MAPPER.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bytes(HttpServerResponse res, int status, String type, byte[] body) {
        if (res.closed() || res.ended()) {
            return;
        }
        res.setStatusCode(status).putHeader("Content-Type", type).end(Buffer.buffer(body));
    }

    private static boolean isLoopback(String address) {
        try {
            return !address.isEmpty() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** A site-local IPv4 address of an interface that is up, else the host name. */
    private static String publicHost() {
        try {
            List<NetworkInterface> nis = Collections.list(NetworkInterface.getNetworkInterfaces());
            for (NetworkInterface ni : nis) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = HypeServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
