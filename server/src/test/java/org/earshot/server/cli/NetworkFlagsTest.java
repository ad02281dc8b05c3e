package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's network flags at the command line: a bad one is one line naming it, before anything is stored. */
class NetworkFlagsTest {

    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EarshotCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void aMissingTlsFileIsOneLineNamingItAndNothingIsStored() {
        Path data = dir.resolve("data");
        Path cert = dir.resolve("missing-cert.pem");

        int exit = run("serve", "--data-dir", data.toString(), "--http-port", "0", "--tls-cert", cert.toString(),
                "--tls-key", dir.resolve("missing-key.pem").toString(), "--admin-password", "a-long-password-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("earshot: tls-cert " + cert + " does not exist");
        assertThat(data.resolve("db")).as("nothing stored").doesNotExist();
    }

    @Test
    void anUnreadableSecretFileIsOneLineNamingItsKey() throws Exception {
        Path secret = dir.resolve("nope");

        int exit = run("serve", "--data-dir", dir.resolve("data").toString(), "--ami-host", "pbx", "--ami-user", "e",
                "--ami-secret-file", secret.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("earshot: ami-secret-file " + secret + " does not exist");
        assertThat(Files.exists(dir.resolve("data/db"))).isFalse();
    }

    @Test
    void aBindAddressThatIsNotThisMachinesIsOneLineNamingIt() throws Exception {
        // From TEST-NET-1 (RFC 5737, for documentation); checked to be no address of this machine.
        assertThat(java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName("192.0.2.123"))).isNull();
        int exit = run("serve", "--data-dir", dir.resolve("data").toString(), "--http-port", "8089",
                "--http-bind", "192.0.2.123", "--admin-password", "a-long-password-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("earshot: http-bind 192.0.2.123 is not an address of this machine");
        assertThat(dir.resolve("data/db")).as("nothing stored").doesNotExist();
    }
}
