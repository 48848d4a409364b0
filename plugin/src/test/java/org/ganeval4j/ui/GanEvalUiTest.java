package org.ganeval4j.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 5 acceptance 3: real HTTP requests against the real Vert.x DL4J UI server on a loopback
 * port — the page, its script, the JSON series and the sample grid; a FileStatsStorage reopened after
 * the run serves the same series; the remote route; a UI that is down; non-loopback clients refused.
 */
class GanEvalUiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static UIServer ui;
    private static int port;

    @BeforeAll
    static void start() {
        ui = VertxUIServer.getInstance(0, false, null);
        port = ui.getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        UIServer.stopInstance();
    }

    static Evaluation evaluation(long it, double fid) {
        return new Evaluation(it, 0, List.of(
                MetricResult.ok("FID", fid, Double.NaN, Direction.LOWER_IS_BETTER, 100, it, 0, 1.0, "x"),
                MetricResult.ok("LPIPS-diversity", 0.3 + it / 1000.0, 0.01, Direction.HIGHER_IS_BETTER, 100, it, 0, 1.0, "y")),
                Nd4j.rand(DataType.FLOAT, 4, 3, 8, 8).muli(255));
    }

    static HttpResponse<byte[]> get(String host, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get("127.0.0.1", path);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void assertSeries(String session) throws Exception {
        JsonNode s = json("/ganeval4j/api/sessions/" + session);
        JsonNode fid = s.get("metrics").get("FID");
        assertThat(fid.get("lowerIsBetter").asBoolean()).isTrue();
        assertThat(fid.get("points")).hasSize(3);
        assertThat(fid.get("points").get(0).get(0).asLong()).isEqualTo(10);
        assertThat(fid.get("points").get(2).get(1).asDouble()).isEqualTo(100.0);
        assertThat(s.get("metrics").get("LPIPS-diversity").get("points").get(1).get(2).asDouble()).isEqualTo(0.01);
        assertThat(s.get("samplesIteration").asLong()).isEqualTo(30);
        HttpResponse<byte[]> png = get("127.0.0.1", "/ganeval4j/api/sessions/" + session + "/samples.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void pageScriptAndSeriesFromInMemoryStorage() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        ui.attach(storage);
        try {
            UiSink sink = UiSink.to(storage, "memory-run", "in-memory test");
            sink.accept(evaluation(10, 300));
            sink.accept(evaluation(20, 200));
            sink.accept(evaluation(30, 100));
            HttpResponse<byte[]> page = get("127.0.0.1", "/ganeval4j");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(new String(page.body())).contains("<title>ganeval4j").contains("/assets/ganeval4j/ganeval4j.js");
            HttpResponse<byte[]> js = get("127.0.0.1", "/assets/ganeval4j/ganeval4j.js");
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(new String(js.body())).contains("/ganeval4j/api/sessions");
            JsonNode sessions = json("/ganeval4j/api/sessions");
            assertThat(sessions.findValuesAsText("id")).contains("memory-run");
            assertSeries("memory-run");
        } finally {
            ui.detach(storage);
        }
    }

    @Test
    void aFileStatsStorageReopenedAfterTheRunServesTheSameSeries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ui-stats.bin");
        FileStatsStorage during = new FileStatsStorage(file.toFile());
        UiSink sink = UiSink.to(during, "file-run", "file test");
        sink.accept(evaluation(10, 300));
        sink.accept(evaluation(20, 200));
        sink.accept(evaluation(30, 100));
        during.close();

        FileStatsStorage reopened = new FileStatsStorage(file.toFile());
        ui.attach(reopened);
        try {
            assertSeries("file-run");
        } finally {
            ui.detach(reopened);
            reopened.close();
        }
    }

    @Test
    void aUiInAnotherProcessReceivesThroughTheRemoteRoute() throws Exception {
        InMemoryStatsStorage remoteStorage = new InMemoryStatsStorage();
        ui.enableRemoteListener(remoteStorage, true);
        try {
            UiSink sink = UiSink.remote(URI.create("http://127.0.0.1:" + port), "remote-run", "remote test");
            sink.accept(evaluation(10, 300));
            sink.accept(evaluation(20, 200));
            sink.accept(evaluation(30, 100));
            assertSeries("remote-run");
        } finally {
            ui.disableRemoteListener();
            ui.detach(remoteStorage);
        }
    }

    @Test
    void aUiThatIsDownIsReportedNotRetriedForever() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        UiSink sink = UiSink.remote(URI.create("http://127.0.0.1:" + closed), "nowhere", "");
        assertThatThrownBy(() -> sink.accept(evaluation(10, 1))).isInstanceOf(IOException.class)
                .hasMessageContaining("not reachable");
    }

    @Test
    void nonLoopbackClientsAreRefused() throws Exception {
        assertThat(GanEvalUIModule.isLoopback("127.0.0.1")).isTrue();
        assertThat(GanEvalUIModule.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(GanEvalUIModule.isLoopback("[::1]")).isTrue();
        assertThat(GanEvalUIModule.isLoopback("10.1.2.3")).isFalse();
        assertThat(GanEvalUIModule.isLoopback("192.168.0.7")).isFalse();
        InetAddress external = null;
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && ni.isUp()) {
                    external = a;
                }
            }
        }
        if (external != null) {
            // the UI listens on all interfaces: a request through a non-loopback address is refused
            HttpResponse<byte[]> r = get(external.getHostAddress(), "/ganeval4j/api/sessions");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(new String(r.body())).contains("loopback clients only");
            GanEvalUIModule.allowRemoteClients(true);
            try {
                assertThat(get(external.getHostAddress(), "/ganeval4j/api/sessions").statusCode()).isEqualTo(200);
            } finally {
                GanEvalUIModule.allowRemoteClients(false);
            }
        }
    }
}
