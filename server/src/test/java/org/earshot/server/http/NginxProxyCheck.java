package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.live.LiveHub;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.earshot.server.testing.SelfSignedCert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/nginx-earshot.conf run by a real nginx in front of Earshot bound to 127.0.0.1 over plain HTTP: HTTPS logins
 * get a Secure cookie (X-Forwarded-Proto from a trusted proxy), the client's address is the one nginx saw (a forged
 * X-Forwarded-For is replaced), the live socket works over wss, plain HTTP is redirected. Needs Debian's nginx
 * (apt-get install nginx-light) and fails without it; not in the default test run (its name matches neither *Test
 * nor *IT), CI runs it by name:
 * <pre>
 * mvn -o -pl server -am test -Dtest=NginxProxyCheck -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class NginxProxyCheck {

    private static final String PASSWORD = "correct horse battery";
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path dir;

    @Test
    void theDocumentedNginxSnippetProxiesHttpsAndTheLiveSocketToEarshot() throws Exception {
        assertThat(NGINX).as("Debian's nginx (apt-get install nginx-light)").isExecutable();
        TestDatabase test = TestDatabase.create("h2", dir);
        Database db = test.open();
        ObjectMapper json = new ObjectMapper();
        Authenticator auth = new Authenticator(new UserStore(db), new AuditStore(db), Clock.systemUTC());
        auth.ensureFirstAdmin(PASSWORD);
        AuthRoutes authRoutes = new AuthRoutes(auth, json, () -> 0);
        Router router = new Router()
                .open("POST", "/api/login", authRoutes::login)
                .open("GET", "/api/whoami", r -> Response.json(json.writeValueAsBytes(
                        Map.of("address", r.remoteAddress(), "secure", r.secure()))));
        HttpApi earshot = new HttpApi(router, auth, json, new LiveHub(json, List::of), new HttpSettings(
                InetAddress.getByName("127.0.0.1"), null, null, TrustedProxies.parse("trusted-proxies", "127.0.0.1, ::1")));
        Process nginx = null;
        try {
            int earshotPort = earshot.start(0);
            int httpPort = freePort();
            int httpsPort = freePort();
            SelfSignedCert cert = SelfSignedCert.create(dir.resolve("tls"), "localhost");
            Path conf = writeConfig(earshotPort, httpPort, httpsPort, cert);
            nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            awaitListening(httpsPort, nginx);
            HttpClient client = HttpClient.newBuilder().sslContext(SelfSignedCert.trusting(List.of(cert))).build();
            String https = "https://localhost:" + httpsPort;

            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(https + "/api/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String whoami = client.send(HttpRequest.newBuilder(URI.create(https + "/api/whoami"))
                    .header("X-Forwarded-For", "203.0.113.66").build(), HttpResponse.BodyHandlers.ofString()).body();
            HttpResponse<Void> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + httpPort + "/")).build(), HttpResponse.BodyHandlers.discarding());
            String token = json.readTree(login.body()).get("token").asText();
            CompletableFuture<CharSequence> firstMessage = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("wss://localhost:" + httpsPort + LiveSocket.PATH), new WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            firstMessage.complete(data);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);

            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("; Secure"));
            assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
            assertThat(whoami).contains("\"address\":\"127.0.0.1\"").contains("\"secure\":true")
                    .doesNotContain("203.0.113.66");
            assertThat(plain.statusCode()).isEqualTo(301);
            assertThat(firstMessage.get(30, TimeUnit.SECONDS).toString()).startsWith("{");
            socket.abort();
        } finally {
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor(30, TimeUnit.SECONDS);
            }
            earshot.close();
            db.close();
            test.close();
        }
    }

    /** The documented snippet with this test's ports, certificate and folders, inside a minimal nginx.conf. */
    private Path writeConfig(int earshotPort, int httpPort, int httpsPort, SelfSignedCert cert) throws Exception {
        String snippet = Files.readAllLines(Path.of("..", "docs", "nginx-earshot.conf")).stream()
                .filter(line -> !line.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n"))
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + earshotPort + ";")
                .replace("listen 80;", "listen 127.0.0.1:" + httpPort + ";")
                .replace("listen [::]:80;", "")
                .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + httpsPort + " ssl http2;")
                .replace("listen [::]:443 ssl http2;", "")
                .replace("server_name earshot.example.com;", "server_name localhost;")
                .replace("/etc/letsencrypt/live/earshot.example.com/fullchain.pem", cert.certPem().toString())
                .replace("/etc/letsencrypt/live/earshot.example.com/privkey.pem", cert.keyPem().toString());
        assertThat(snippet).as("the snippet's ports and paths were found").doesNotContain("8080", "example.com");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "daemon off;\nuser root;\npid " + dir.resolve("nginx.pid") + ";\nerror_log "
                + dir.resolve("error.log") + ";\nevents {}\nhttp {\n access_log off;\n client_body_temp_path "
                + dir.resolve("body") + ";\n proxy_temp_path " + dir.resolve("proxy") + ";\n" + snippet + "\n}\n");
        return conf;
    }

    private void awaitListening(int port, Process nginx) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(nginx.isAlive()).as(() -> "nginx runs: " + read(dir.resolve("nginx.out")) + read(dir.resolve("error.log")))
                    .isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50); // an outside process: its port is the only signal it gives
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
