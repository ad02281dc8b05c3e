package org.earshot.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how the HTTP server listens. Validated at start-up; a bad value names its key.
 *
 * <pre>
 * http-bind       = 127.0.0.1
 * tls-cert        = /etc/earshot/tls/fullchain.pem
 * tls-key         = /etc/earshot/tls/privkey.pem
 * trusted-proxies = 127.0.0.1, ::1, 10.0.0.0/8
 * </pre>
 *
 * @param bind           the address to listen on, or null for all of this machine's addresses
 * @param tlsCert        PEM certificate chain (server certificate first), or null to serve plain HTTP
 * @param tlsKey         PEM private key of {@code tlsCert}, or null with it
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 */
public record HttpSettings(InetAddress bind, Path tlsCert, Path tlsKey, TrustedProxies trustedProxies) {

    public static final String BIND = "http-bind";
    public static final String TLS_CERT = "tls-cert";
    public static final String TLS_KEY = "tls-key";
    public static final String TRUSTED_PROXIES = "trusted-proxies";

    /** All addresses, plain HTTP, no proxy believed: what Earshot did before these settings. */
    public static final HttpSettings DEFAULTS = new HttpSettings(null, null, null, TrustedProxies.NONE);

    public HttpSettings {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException(tlsCert == null
                    ? TLS_KEY + " is set without " + TLS_CERT + ": give both PEM files, or neither for plain HTTP"
                    : TLS_CERT + " is set without " + TLS_KEY + ": give both PEM files, or neither for plain HTTP");
        }
        if (trustedProxies == null) {
            trustedProxies = TrustedProxies.NONE;
        }
    }

    /** @throws IllegalArgumentException naming the key of a bad value */
    public static HttpSettings fromConfig(Map<String, String> v) {
        return new HttpSettings(bindAddress(v.get(BIND)), path(v.get(TLS_CERT)), path(v.get(TLS_KEY)),
                TrustedProxies.parse(TRUSTED_PROXIES, v.get(TRUSTED_PROXIES)));
    }

    public boolean tls() {
        return tlsCert != null;
    }

    private static InetAddress bindAddress(String value) {
        if (value == null || value.isBlank() || value.strip().equals("*")) {
            return null;
        }
        try {
            return InetAddress.getByName(value.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(BIND + " must be an address of this machine such as 127.0.0.1 or ::1,"
                    + " was '" + value + "'");
        }
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }
}
