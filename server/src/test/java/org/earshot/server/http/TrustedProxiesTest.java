package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void addressesAndCidrBlocksOfBothFamiliesAreTrusted() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse("trusted-proxies", "127.0.0.1, 10.1.0.0/16 ::1 fd00::/8");

        assertThat(proxies.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(proxies.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(proxies.trusts(ip("10.1.255.3"))).isTrue();
        assertThat(proxies.trusts(ip("10.2.0.1"))).isFalse();
        assertThat(proxies.trusts(ip("::1"))).isTrue();
        assertThat(proxies.trusts(ip("fd12::5"))).isTrue();
        assertThat(proxies.trusts(ip("fe80::1"))).isFalse();
        assertThat(TrustedProxies.NONE.trusts(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void aNameOrABadBlockIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> TrustedProxies.parse("trusted-proxies", "proxy.example.com"))
                .hasMessageContaining("trusted-proxies: 'proxy.example.com' is not an IP address or CIDR block");
        assertThatThrownBy(() -> TrustedProxies.parse("trusted-proxies", "10.0.0.0/33"))
                .hasMessageContaining("'10.0.0.0/33'");
    }

    @Test
    void theClientIsTheRightMostHopThatIsNoTrustedProxy() {
        TrustedProxies proxies = TrustedProxies.parse("trusted-proxies", "10.0.0.0/8");

        assertThat(ClientInfo.forwardedFor(List.of("203.0.113.9, 198.51.100.4, 10.0.0.2"), proxies, "10.0.0.1"))
                .as("a forged left-most entry is not believed").isEqualTo("198.51.100.4");
        assertThat(ClientInfo.forwardedFor(List.of(), proxies, "10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(ClientInfo.forwardedFor(List.of("not-an-address"), proxies, "10.0.0.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void httpSettingsNameTheMissingHalfOfTheTlsPair() {
        assertThatThrownBy(() -> HttpSettings.fromConfig(Map.of("tls-cert", "/etc/earshot/cert.pem")))
                .hasMessageContaining("tls-cert is set without tls-key");
        assertThatThrownBy(() -> HttpSettings.fromConfig(Map.of("http-bind", "no such host.invalid")))
                .hasMessageContaining("http-bind").hasMessageContaining("no such host.invalid");
        assertThat(HttpSettings.fromConfig(Map.of()).bind()).isNull();
    }
}
