package org.earshot.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HTTP API of a child node, as a script would use it: health, login, then GETs with the session token. */
final class NodeClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private String token;

    NodeClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** {@code index.pendingChanges} of /api/health, or -1 while the node does not answer yet. */
    long pendingChanges() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() != 200 ? -1 : json.readTree(r.body()).path("index").path("pendingChanges").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    void login(String user, String password) throws IOException, InterruptedException {
        String body = json.writeValueAsString(java.util.Map.of("username", user, "password", password));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        token = json.readTree(r.body()).path("token").asText();
    }

    /** GETs {@code pathAndQuery}; the body as JSON; an IOException names the status and the start of the body. */
    JsonNode get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            String body = r.body();
            throw new IOException("GET " + pathAndQuery + " answered " + r.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
        return json.readTree(r.body());
    }
}
