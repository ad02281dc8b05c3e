package org.earshot.bench.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;

/**
 * The product's KPI CSV export, {@code GET /api/kpis.csv}, through a node wired on the bench's store in this JVM
 * ({@link Earshot#wire}) with only its HTTP API started: no index follower, no analysis workers, so nothing runs
 * beside the requests. The CSV rendering is private to the HTTP layer; its route is the one way to run it. A
 * request costs what an export costs: the rows ({@code KpiService.compute}, the rollup path), the CSV, the
 * audit line and HTTP on loopback.
 */
final class CsvRoute implements AutoCloseable {

    private static final String ADMIN_PASSWORD = "kpi-bench-admin";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Earshot node;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;

    private CsvRoute(Earshot node, int port) {
        this.node = node;
        this.base = "http://127.0.0.1:" + port;
    }

    /** A node on {@code at}'s store (open beside the bench's own connections: H2 shares one database per JVM). */
    static CsvRoute open(StoreLocation at, KpiDefinitions kpis, Clock clock) throws Exception {
        EarshotConfig config = new EarshotConfig(0, at.nodeDataDir(), at.nodeDbUrl(), null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, ADMIN_PASSWORD, Duration.ofSeconds(60), kpis, WrapUpRule.DEFAULT, null);
        Earshot node = Earshot.wire(config, clock, Earshot.Role.SERVE);
        try {
            CsvRoute route = new CsvRoute(node, node.http().start(0));
            route.login();
            return route;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void login() throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("username", "admin", "password", ADMIN_PASSWORD));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login as admin answered " + r.statusCode() + ": " + r.body());
        }
        token = json.readTree(r.body()).path("token").asText();
    }

    /** The CSV export of {@code q}'s rows, as a browser downloads it. */
    String csv(KpiQuery q) throws IOException, InterruptedException {
        String path = "/api/kpis.csv?from=" + q.from() + "&to=" + q.to() + "&groupBy=" + q.groupBy().key()
                + (q.queue() == null ? "" : "&queue=" + encode(q.queue()))
                + (q.agent() == null ? "" : "&agent=" + encode(q.agent()));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            String body = r.body();
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + body.substring(0, Math.min(200, body.length())));
        }
        return r.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        node.close();
    }
}
