package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.live.LiveHub;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.earshot.server.testing.SelfSignedCert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server with {@code tls-cert}/{@code tls-key}, {@code http-bind} and {@code trusted-proxies}, over real
 * sockets: HTTPS with a certificate made here, Secure cookies and HSTS, wss for the live socket, a renewed
 * certificate served to new connections (the test waits on the server's reload signal), the bound address.
 */
class TlsAndBindTest {

    private static final String PASSWORD = "correct horse battery";

    // keytool takes seconds per key pair: made once, copied into each test's folder (tests replace the files).
    @TempDir
    static Path certs;
    private static SelfSignedCert made;
    private static SelfSignedCert madeSecond;

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private Authenticator auth;
    private HttpApi http;
    private SelfSignedCert first;

    @org.junit.jupiter.api.BeforeAll
    static void makeCertificates() throws Exception {
        made = SelfSignedCert.create(certs.resolve("first"), "earshot-first");
        madeSecond = SelfSignedCert.create(certs.resolve("second"), "earshot-second");
    }

    private SelfSignedCert copy(SelfSignedCert cert, String folder) throws Exception {
        Path to = Files.createDirectories(dir.resolve(folder));
        return new SelfSignedCert(Files.copy(cert.certPem(), to.resolve(cert.certPem().getFileName())),
                Files.copy(cert.keyPem(), to.resolve(cert.keyPem().getFileName())), cert.certificate());
    }

    @BeforeEach
    void setUp() throws Exception {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        auth = new Authenticator(new UserStore(db), new AuditStore(db), Clock.systemUTC());
        auth.ensureFirstAdmin(PASSWORD);
        first = copy(made, "first");
    }

    @AfterEach
    void tearDown() {
        if (http != null) {
            http.close();
        }
        db.close();
        test.close();
    }

    private int start(HttpSettings settings) throws Exception {
        ObjectMapper json = new ObjectMapper();
        AuthRoutes authRoutes = new AuthRoutes(auth, json, () -> 0);
        Router router = new Router()
                .open("GET", "/api/health", authRoutes::health)
                .open("POST", "/api/login", authRoutes::login)
                .open("GET", "/api/whoami", r -> Response.json(json.writeValueAsBytes(
                        java.util.Map.of("address", r.remoteAddress(), "secure", r.secure()))));
        http = new HttpApi(router, auth, json, new LiveHub(json, List::of), Duration.ofSeconds(30), settings,
                Duration.ofMillis(20));
        return http.start(0);
    }

    private HttpSettings tls(SelfSignedCert cert) {
        return new HttpSettings(InetAddress.getLoopbackAddress(), cert.certPem(), cert.keyPem(), TrustedProxies.NONE);
    }

    private HttpClient client(SSLContext ssl) {
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void loginOverHttpsSetsASecureCookieAndEveryAnswerCarriesHsts() throws Exception {
        int port = start(tls(first));
        HttpClient client = client(SelfSignedCert.trusting(List.of(first)));

        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("HttpOnly").contains("; Secure"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValue(HttpApi.Hsts.VALUE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue(HttpApi.Hsts.VALUE);
    }

    @Test
    void plainHttpSetsNoSecureCookieAndNoHsts() throws Exception {
        int port = start(HttpSettings.DEFAULTS);

        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).doesNotContain("Secure"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void theLiveSocketWorksOverWss() throws Exception {
        int port = start(tls(first));
        HttpClient client = client(SelfSignedCert.trusting(List.of(first)));
        String token = auth.login("admin", PASSWORD, "127.0.0.1").orElseThrow();
        CompletableFuture<CharSequence> firstMessage = new CompletableFuture<>();

        WebSocket socket = client.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("wss://localhost:" + port + LiveSocket.PATH), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        firstMessage.complete(data);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);

        assertThat(firstMessage.get(30, TimeUnit.SECONDS).toString()).startsWith("{");
        socket.abort();
    }

    @Test
    void aReplacedCertificateIsServedToNewConnections() throws Exception {
        int port = start(tls(first));
        SelfSignedCert second = copy(madeSecond, "second");
        Semaphore checked = new Semaphore(0);
        http.tls().onCheck(checked::release);
        assertThat(peerName(port, List.of(first, second))).contains("earshot-first");

        // As certbot's deploy step does: the new files take the old names.
        Files.copy(second.keyPem(), first.keyPem(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.certPem(), first.certPem(), StandardCopyOption.REPLACE_EXISTING);
        waitForReloadOf(checked, 1);

        assertThat(peerName(port, List.of(first, second))).contains("earshot-second");
    }

    @Test
    void aBrokenReplacementKeepsTheOldCertificateAndCountsAFailure() throws Exception {
        int port = start(tls(first));
        Semaphore checked = new Semaphore(0);
        http.tls().onCheck(checked::release);

        Files.writeString(first.keyPem(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        while (http.tls().failures() == 0) {
            assertThat(checked.tryAcquire(60, TimeUnit.SECONDS)).as("the server looked at the changed files").isTrue();
        }

        assertThat(http.tls().reloads()).isZero();
        assertThat(peerName(port, List.of(first))).contains("earshot-first");
    }

    @Test
    void aTraditionalRsaKeyIsRefusedNamingTheFileAndTheConversion() throws Exception {
        Path pkcs1 = dir.resolve("rsa.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new TlsContext(first.certPem(), pkcs1))
                .hasMessageContaining("tls-key " + pkcs1).hasMessageContaining("PKCS#8")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> new TlsContext(dir.resolve("missing.pem"), first.keyPem()))
                .hasMessageContaining("tls-cert " + dir.resolve("missing.pem")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new TlsContext(first.keyPem(), first.keyPem()))
                .hasMessageContaining("holds no PEM certificate");
        SelfSignedCert other = copy(madeSecond, "other");
        assertThatThrownBy(() -> new TlsContext(first.certPem(), other.keyPem()))
                .hasMessageContaining("tls-key " + other.keyPem()).hasMessageContaining("is not the key of");
    }

    @Test
    void boundToLoopbackItIsNotReachableOnAnotherAddressOfThisMachine() throws Exception {
        int port = start(new HttpSettings(InetAddress.getByName("127.0.0.1"), null, null, TrustedProxies.NONE));

        assertThat(http.boundAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        Optional<InetAddress> other = otherAddress();
        if (other.isPresent()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other.get(), port), 10_000))
                        .isInstanceOf(ConnectException.class);
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void forwardedHeadersAreBelievedFromATrustedProxyOnly() throws Exception {
        int port = start(new HttpSettings(null, null, null, TrustedProxies.parse("trusted-proxies", "127.0.0.0/8")));
        String trusted = whoami(port);
        http.close();
        int untrustedPort = start(new HttpSettings(null, null, null, TrustedProxies.parse("trusted-proxies", "10.0.0.0/8")));
        String untrusted = whoami(untrustedPort);

        assertThat(trusted).contains("\"address\":\"203.0.113.7\"").contains("\"secure\":true");
        assertThat(untrusted).contains("\"address\":\"127.0.0.1\"").contains("\"secure\":false");
    }

    private static String whoami(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/whoami"))
                .header("X-Forwarded-For", "198.51.100.1, 203.0.113.7").header("X-Forwarded-Proto", "https").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void waitForReloadOf(Semaphore checked, long reloads) throws InterruptedException {
        while (http.tls().reloads() < reloads) {
            assertThat(checked.tryAcquire(60, TimeUnit.SECONDS)).as("the server looked at the changed files").isTrue();
        }
    }

    /** The subject of the certificate a new TLS connection is given. */
    private static String peerName(int port, List<SelfSignedCert> trusted) throws Exception {
        try (SSLSocket socket = (SSLSocket) SelfSignedCert.trusting(trusted).getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static Optional<InetAddress> otherAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
