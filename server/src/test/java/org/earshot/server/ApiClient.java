package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A logged-in client of a running server's HTTP API, for end-to-end tests. */
final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;

    private ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static ApiClient login(Earshot earshot, String username, String password) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + earshot.httpPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(
                        Map.of("username", username, "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login: " + response.body()).isEqualTo(200);
        return new ApiClient(base, new ObjectMapper().readTree(response.body()).get("token").asText());
    }

    /** A client that presents an API key ({@code esk_...}) as its bearer token, as a service would. */
    static ApiClient withKey(Earshot earshot, String key) {
        return new ApiClient("http://127.0.0.1:" + earshot.httpPort(), key);
    }

    String token() {
        return token;
    }

    HttpClient http() {
        return http;
    }

    /** GET a path that must answer 200, as text (CSV). */
    String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** GET a path that must answer 200 with JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
