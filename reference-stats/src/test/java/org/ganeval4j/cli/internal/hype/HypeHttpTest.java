package org.ganeval4j.cli.internal.hype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ganeval4j.cli.CliRun;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Images;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Reply;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Tally;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Truth;
import org.ganeval4j.metric.HypeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HYPE server over real HTTP on loopback: a session from the first request to the report, trials
 * the server never served refused, nothing in a trial that tells real from generated, requests from
 * elsewhere refused, the token of {@code --allow-remote}, HYPE_time's staircase, and a server killed
 * with SIGKILL that resumes with every answer kept.
 */
class HypeHttpTest {
    @TempDir
    Path tmp;

    /** Correct everywhere except where {@code error} says so in the scored phase. */
    private static HypeFixtures.Policy honest(java.util.function.BiPredicate<Truth, Integer> error) {
        return (truth, phase, seen) -> {
            boolean right = truth != Truth.REAL;
            return phase.equals("main") && error.test(truth, seen) ? !right : right;
        };
    }

    private record Running(HypeSession session, HypeServer server, Images images) implements AutoCloseable {
        String base() {
            return server.evaluatorUrl();
        }

        @Override
        public void close() throws IOException {
            server.close();
            session.close();
        }
    }

    private Running serve(HypeResult.Mode mode, int images, int blocks, int tutorial, int qualification, int checks,
                          boolean remote) throws IOException {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 40, 40);
        HypeImages pools = img.pools();
        HypeConfig c = HypeFixtures.config(mode, images, blocks, tutorial, qualification, checks, 7, pools);
        Path dir = tmp.resolve("session");
        Files.createDirectories(dir);
        c.write(dir);
        HypeSession s = new HypeSession(c, pools, dir);
        return new Running(s, HypeServer.start(s, 0, remote), img);
    }

    @Test
    void aSessionFromStartToReport() throws Exception {
        try (Running r = serve(HypeResult.Mode.INFINITY, 12, 1, 2, 4, 2, false)) {
            Tally ann = new Tally();
            Tally bob = new Tally();
            // ann calls every 4th generated image real (seen 0 and 4: 2 of 6), bob every 2nd real image fake (3 of 6)
            JsonNode a = HypeFixtures.play(r.base(), "ann", r.images(), honest((t, k) -> t == Truth.FAKE && k % 4 == 0), ann,
                    1000);
            HypeFixtures.play(r.base(), "bob", r.images(), honest((t, k) -> t == Truth.REAL && k % 2 == 1), bob, 1000);
            assertThat(a.path("done").asBoolean()).isTrue();
            assertThat(ann.fakeErrors).isEqualTo(2);
            assertThat(bob.realErrors).isEqualTo(3);
            // cat answers "fake" to everything in the qualification: 0% of the real images right
            JsonNode c = HypeFixtures.play(r.base(), "cat", r.images(), (t, p, k) -> true, new Tally(), 1000);
            assertThat(c.path("done").asBoolean()).isTrue();
            assertThat(c.path("message").asText()).contains("65%");
            // dan calls the broken images real; eve stops after five answers
            Tally dan = new Tally();
            HypeFixtures.play(r.base(), "dan", r.images(), (t, p, k) -> t == Truth.FAKE, dan, 1000);
            assertThat(dan.checkErrors).isEqualTo(2);
            HypeFixtures.play(r.base(), "eve", r.images(), honest((t, k) -> false), new Tally(), 5);

            Reply rep = HypeFixtures.get(r.server().resultsUrl().replace("results?", "api/report?"));
            assertThat(rep.status()).isEqualTo(200);
            JsonNode j = rep.json();
            double expected = 100.0 * (ann.fakeErrors + ann.realErrors + bob.fakeErrors + bob.realErrors)
                    / (ann.reals + ann.fakes + bob.reals + bob.fakes);
            assertThat(j.get("metric").asText()).isEqualTo("HYPE-infinity");
            assertThat(j.get("score").asDouble()).isCloseTo(expected, within(1e-9)).isCloseTo(100.0 * 5 / 24, within(1e-9));
            assertThat(j.get("fake_error_percent").asDouble()).isCloseTo(100.0 * 2 / 12, within(1e-9));
            assertThat(j.get("real_error_percent").asDouble()).isCloseTo(100.0 * 3 / 12, within(1e-9));
            // two scored evaluators: the 2.5% and 97.5% points are their own scores
            assertThat(j.get("ci95").get(0).asDouble()).isCloseTo(ann.score(), within(1e-9));
            assertThat(j.get("ci95").get(1).asDouble()).isCloseTo(bob.score(), within(1e-9));
            assertThat(j.get("judgments").asInt()).isEqualTo(24);
            Map<String, String> status = new HashMap<>();
            j.get("evaluators").forEach(e -> status.put(e.get("name").asText(), e.get("status").asText()));
            assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of("ann", "scored", "bob", "scored",
                    "cat", "not qualified", "dan", "inattentive", "eve", "in progress"));

            Reply page = HypeFixtures.get(r.server().resultsUrl());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<span id=\"score\">20.8%</span>").contains("not qualified").contains("inattentive");
            assertThat(HypeFixtures.get(r.base() + "results?key=wrong").status()).isEqualTo(403);
            assertThat(HypeFixtures.get(r.base() + "results").status()).isEqualTo(403);

            // every answer is a well-formed line of trials.jsonl: 4 finished plans (tutorial 2, qualification 4,
            // 12 + 2 checks), cat stopped after the qualification, eve after 5
            List<String> lines = Files.readAllLines(r.session().directory().resolve(TrialLog.FILE));
            assertThat(lines).hasSize(3 * 20 + 6 + 5);
            for (String line : lines) {
                JsonNode o = HypeFixtures.JSON.readTree(line);
                assertThat(o.get("answer").asText()).isIn("real", "fake");
                assertThat(o.get("truth").asText()).isIn("real", "fake");
                assertThat(o.get("correct").asBoolean()).isEqualTo(o.get("answer").equals(o.get("truth")));
                assertThat(o.get("rt_ms").asDouble()).isGreaterThanOrEqualTo(300);
            }
        }
    }

    @Test
    void answersToTrialsNeverServedAreRefused() throws Exception {
        try (Running r = serve(HypeResult.Mode.INFINITY, 4, 1, 0, 0, 0, false)) {
            Reply s = HypeFixtures.post(r.base() + "api/start", "{\"name\":\"ann\",\"frame_ms\":16.7}");
            JsonNode t = s.json().get("trial");
            String id = t.get("id").asText();
            assertThat(id).matches("[A-Za-z0-9_-]{22}");
            // an invented id, an empty one, a malformed answer
            assertThat(answer(r, "AAAAAAAAAAAAAAAAAAAAAA", "real").status()).isEqualTo(409);
            assertThat(answer(r, "", "real").status()).isEqualTo(409);
            assertThat(answer(r, id, "maybe").status()).isEqualTo(400);
            assertThat(HypeFixtures.post(r.base() + "api/answer", "{\"trial\":\"" + id + "\",\"answer\":\"real\",\"rt_ms\":-1}")
                    .status()).isEqualTo(400);
            // a reload serves the same trial under the same id, not a new one
            JsonNode again = HypeFixtures.post(r.base() + "api/start", "{\"name\":\"ann\",\"frame_ms\":16.7}").json()
                    .get("trial");
            assertThat(again.get("id").asText()).isEqualTo(id);
            assertThat(again.get("image").asText()).isEqualTo(t.get("image").asText());
            Reply ok = answer(r, id, "fake");
            assertThat(ok.status()).isEqualTo(200);
            // answered once: a second answer to it is refused, and the next trial has a new random id
            assertThat(answer(r, id, "real").status()).isEqualTo(409);
            assertThat(ok.json().get("trial").get("id").asText()).isNotEqualTo(id);
            assertThat(Files.readAllLines(r.session().directory().resolve(TrialLog.FILE))).hasSize(1);
            // no name, a bad frame period
            assertThat(HypeFixtures.post(r.base() + "api/start", "{\"name\":\"\",\"frame_ms\":16.7}").status()).isEqualTo(400);
            assertThat(HypeFixtures.post(r.base() + "api/start", "{\"name\":\"<script>\",\"frame_ms\":16.7}").status())
                    .isEqualTo(400);
            assertThat(HypeFixtures.post(r.base() + "api/start", "{\"name\":\"bo\",\"frame_ms\":0}").status()).isEqualTo(400);
        }
    }

    private static Reply answer(Running r, String id, String answer) throws IOException, InterruptedException {
        return HypeFixtures.post(r.base() + "api/answer", "{\"trial\":\"" + id + "\",\"answer\":\"" + answer
                + "\",\"rt_ms\":500}");
    }

    @Test
    void nothingInATrialTellsRealFromGenerated() throws Exception {
        try (Running r = serve(HypeResult.Mode.INFINITY, 16, 1, 2, 4, 4, false)) {
            Reply s = HypeFixtures.post(r.base() + "api/start", "{\"name\":\"ann\",\"frame_ms\":16.7}");
            JsonNode step = s.json();
            Map<Truth, Set<Integer>> lengths = new TreeMap<>();
            Set<Integer> responseLengths = new HashSet<>();
            Set<String> keys = new HashSet<>();
            while (!step.path("done").asBoolean()) {
                JsonNode t = step.get("trial");
                Truth truth = r.images().classify(t.get("image").asText());
                lengths.computeIfAbsent(truth, k -> new HashSet<>()).add(t.get("image").asText().length());
                t.fieldNames().forEachRemaining(keys::add);
                Reply a = answer(r, t.get("id").asText(), truth == Truth.REAL ? "real" : "fake");
                step = a.json();
                if (!step.has("feedback") && step.has("trial")) {
                    responseLengths.add(a.body().length() - step.get("trial").get("id").asText().length()
                            - String.valueOf(step.get("trial").get("index").asInt()).length()
                            - String.valueOf(step.get("trial").get("position").asInt()).length());
                }
            }
            assertThat(lengths).containsOnlyKeys(Truth.REAL, Truth.FAKE, Truth.CHECK);
            Set<Integer> all = new HashSet<>();
            lengths.values().forEach(all::addAll);
            assertThat(all).as("every image, real, generated or broken, is as many bytes").hasSize(1);
            assertThat(keys).containsExactlyInAnyOrder("id", "phase", "block", "blocks", "index", "count", "position", "total",
                    "timed", "image");
            // within a phase, responses differ only in the id and the counters
            assertThat(responseLengths.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void requestsFromElsewhereAreRefused() throws Exception {
        try (Running r = serve(HypeResult.Mode.INFINITY, 4, 1, 0, 0, 0, false)) {
            int port = r.server().port();
            assertThat(r.base()).isEqualTo("http://127.0.0.1:" + port + "/");
            // DNS rebinding: a page of another site that resolves to 127.0.0.1 sends its own Host
            assertThat(raw(port, "GET /api/info HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 421");
            assertThat(raw(port, "GET /api/info HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            // a cross-site form post (no JSON content type) and a cross-origin fetch
            assertThat(HypeFixtures.send(HttpRequest.newBuilder(URI.create(r.base() + "api/start"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build())
                    .status()).isEqualTo(415);
            assertThat(raw(port, "POST /api/start HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://evil.example\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")).startsWith("HTTP/1.1 403");
            String big = "{\"name\":\"" + "a".repeat(70_000) + "\"}";
            assertThat(HypeFixtures.post(r.base() + "api/start", big).status()).isEqualTo(413);
            assertThat(HypeFixtures.get(r.base() + "trials.jsonl").status()).isEqualTo(404);
            assertThat(HypeFixtures.get(r.base() + "session.json").status()).isEqualTo(404);
            Reply page = HypeFixtures.get(r.base());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Real or generated?").doesNotContain("real.npy").doesNotContain("fake.npy");
        }
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write(request.getBytes(StandardCharsets.UTF_8));
            o.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void remoteAccessNeedsTheToken() throws Exception {
        try (Running r = serve(HypeResult.Mode.INFINITY, 4, 1, 0, 0, 0, true)) {
            String url = r.server().evaluatorUrl();
            String token = url.replaceAll("^http://[^/]+/([^/]+)/$", "$1");
            assertThat(token).matches("[A-Za-z0-9_-]{22}");
            String local = "http://127.0.0.1:" + r.server().port() + "/";
            Reply none = HypeFixtures.get(local);
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.body()).isEmpty();
            assertThat(HypeFixtures.get(local + "api/info").status()).isEqualTo(404);
            assertThat(HypeFixtures.post(local + "api/start", "{\"name\":\"x\",\"frame_ms\":16}").status()).isEqualTo(404);
            assertThat(HypeFixtures.get(local + token.substring(1) + "/").status()).isEqualTo(404);
            assertThat(HypeFixtures.get(local + token + "/").status()).isEqualTo(200);
            Reply s = HypeFixtures.post(local + token + "/api/start", "{\"name\":\"ann\",\"frame_ms\":16.7}");
            assertThat(s.status()).isEqualTo(200);
            assertThat(HypeFixtures.get(local + token + "/results").status()).isEqualTo(403);
            assertThat(HypeFixtures.get(local + token + "/" + r.server().resultsUrl().replaceAll(".*/", "")).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void timeModeFollowsTheStaircaseAndScoresModalExposures() throws Exception {
        try (Running r = serve(HypeResult.Mode.TIME, 12, 2, 2, 0, 1, false)) {
            Tally t = new Tally();
            List<Boolean> correct = new ArrayList<>();
            // wrong on every 3rd generated image of each block's count
            HypeFixtures.Policy p = (truth, phase, seen) -> {
                boolean right = truth != Truth.REAL;
                boolean wrong = phase.equals("main") && truth == Truth.FAKE && seen % 3 == 2;
                if (phase.equals("main") && truth != Truth.CHECK) {
                    correct.add(!wrong);
                }
                return wrong ? !right : right;
            };
            HypeFixtures.play(r.base(), "ann", r.images(), p, t, 1000);
            assertThat(t.exposures).hasSize(24);
            // the staircase, spelled out: each block starts at 500 ms, -30 ms after 3 right in a row, +10 ms after an error
            List<Double> expected = new ArrayList<>();
            double e = 500;
            int run = 0;
            int block = -1;
            for (int i = 0; i < t.exposures.size(); i++) {
                if (t.blocks.get(i) != block) {
                    block = t.blocks.get(i);
                    e = 500;
                    run = 0;
                }
                expected.add(e);
                if (correct.get(i)) {
                    if (++run == 3) {
                        run = 0;
                        e = Math.max(100, e - 30);
                    }
                } else {
                    run = 0;
                    e = Math.min(1000, e + 10);
                }
            }
            assertThat(t.exposures).containsExactlyElementsOf(expected);
            double[] modes = new double[2];
            for (int b = 0; b < 2; b++) {
                Map<Double, Integer> count = new TreeMap<>();
                for (int i = 0; i < t.exposures.size(); i++) {
                    if (t.blocks.get(i) == b) {
                        count.merge(t.exposures.get(i), 1, Integer::sum);
                    }
                }
                int best = count.values().stream().max(Integer::compare).orElseThrow();
                modes[b] = count.entrySet().stream().filter(x -> x.getValue() == best).mapToDouble(Map.Entry::getKey)
                        .average().orElseThrow();
            }
            JsonNode j = HypeFixtures.get(r.server().resultsUrl().replace("results?", "api/report?")).json();
            assertThat(j.get("metric").asText()).isEqualTo("HYPE-time");
            JsonNode ann = j.get("evaluators").get(0);
            assertThat(ann.get("block_thresholds_ms").get(0).asDouble()).isEqualTo(modes[0]);
            assertThat(ann.get("block_thresholds_ms").get(1).asDouble()).isEqualTo(modes[1]);
            assertThat(j.get("score").asDouble()).isCloseTo((modes[0] + modes[1]) / 2, within(1e-9));
            // exposures are whole frames of the period the page reported (16 ms)
            for (String line : Files.readAllLines(r.session().directory().resolve(TrialLog.FILE))) {
                JsonNode o = HypeFixtures.JSON.readTree(line);
                if (o.get("phase").asText().equals("main")) {
                    assertThat(o.get("frames").asInt()).isEqualTo((int) Math.round(o.get("exposure_ms").asDouble() / 16.0));
                    assertThat(o.get("shown_ms").asDouble()).isEqualTo(o.get("frames").asInt() * 16.0);
                }
            }
        }
    }

    @Test
    void aKilledServerResumesWithEveryAnswerKept() throws Exception {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 30, 30);
        Path dir = tmp.resolve("killed");
        Object[] args = {"hype", img.real(), img.fake(), "--out", dir, "--port", "0", "--images", "10", "--tutorial", "2",
            "--qualification", "2", "--checks", "2", "--seed", "3"};
        Tally tally = new Tally();
        HypeFixtures.Policy p = honest((t, k) -> t == Truth.FAKE && k % 2 == 0);
        Process first = launch(args);
        String url;
        String image;
        try {
            url = firstLine(first);
            HypeFixtures.play(url, "ann", img, p, tally, 7);
            // the 8th trial is served, then the server dies before it is answered
            image = HypeFixtures.post(url + "api/start", "{\"name\":\"ann\",\"frame_ms\":16}").json().get("trial").get("image")
                    .asText();
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).isEqualTo(137);
        List<String> lines = Files.readAllLines(dir.resolve(TrialLog.FILE));
        assertThat(lines).hasSize(7);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(HypeFixtures.JSON.readTree(lines.get(i)).get("position").asInt()).isEqualTo(i);
        }

        Process second = launch(args);
        try {
            String url2 = firstLine(second);
            JsonNode resumed = HypeFixtures.post(url2 + "api/start", "{\"name\":\"ann\",\"frame_ms\":16}").json().get("trial");
            assertThat(resumed.get("position").asInt()).isEqualTo(8);
            assertThat(resumed.get("image").asText()).isEqualTo(image);
            JsonNode end = HypeFixtures.play(url2, "ann", img, p, tally, 1000);
            assertThat(end.path("done").asBoolean()).isTrue();
        } finally {
            second.destroyForcibly();
            second.waitFor(60, TimeUnit.SECONDS);
        }
        lines = Files.readAllLines(dir.resolve(TrialLog.FILE));
        assertThat(lines).hasSize(2 + 2 + 10 + 2);
        Set<Integer> positions = new HashSet<>();
        for (String line : lines) {
            positions.add(HypeFixtures.JSON.readTree(line).get("position").asInt());
        }
        assertThat(positions).hasSize(16);
        CliRun.Result rep = CliRun.run("hype-report", dir, "--json");
        assertThat(rep.exitCode()).as(rep.stderr()).isZero();
        JsonNode j = HypeFixtures.JSON.readTree(rep.stdout());
        assertThat(j.get("evaluators_scored").asInt()).isEqualTo(1);
        assertThat(j.get("score").asDouble()).isCloseTo(tally.score(), within(1e-9));
        assertThat(j.get("fake_error_percent").asDouble()).isCloseTo(tally.fakeError(), within(1e-9));
        assertThat(tally.fakeErrors).isEqualTo(3);
    }

    /** Starts {@code ganeval4j ARGS} in a JVM of its own, on this test's class path. */
    static Process launch(Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dganeval4j.offline=true",
                "org.ganeval4j.cli.Main"));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The first line the process prints (the evaluators' link). */
    static String firstLine(Process p) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(line).as("the server's link").isNotNull().startsWith("http://127.0.0.1:");
        return line;
    }
}
