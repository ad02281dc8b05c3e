package org.earshot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the package phase built, read as dpkg reads it ({@code dpkg-deb}): its files with their owners and
 * modes, its conffiles, its control fields, and the unit and config it installs.
 */
class DebPackageIT {

    private static Path deb;
    private static Path unpacked;
    @TempDir
    static Path temp;

    @BeforeAll
    static void findTheBuiltPackage() throws IOException {
        Path dir = Path.of(System.getProperty("earshot.deb.dir", "target"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("earshot_.+_all\\.deb")).toList();
            assertThat(debs).as("one earshot_VERSION_all.deb in " + dir).hasSize(1);
            deb = debs.get(0);
        }
    }

    private static Path unpacked() throws Exception {
        if (unpacked == null) {
            unpacked = Files.createDirectories(temp.resolve("unpacked"));
            dpkgDeb("--extract", deb.toString(), unpacked.toString());
        }
        return unpacked;
    }

    @Test
    void installsTheJarTheLauncherTheUnitAndTheConfig() throws Exception {
        String listing = dpkgDeb("--contents", deb.toString());

        assertThat(listing).containsPattern("-rw-r--r-- root/root +\\d{8,} \\S+ \\S+ \\./usr/share/earshot/earshot\\.jar")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/bin/earshot\\n")
                .containsPattern("-rw-r--r-- root/root .* \\./lib/systemd/system/earshot\\.service")
                .containsPattern("-rw-r--r-- root/root .* \\./etc/earshot/earshot\\.conf")
                .containsPattern("-rw-r--r-- root/root .* \\./etc/default/earshot");
    }

    @Test
    void theConfigAndTheHeapAreConffilesSoAnAdminsChangesSurviveUpgrades() throws Exception {
        assertThat(dpkgDeb("--info", deb.toString(), "conffiles").lines().toList())
                .containsExactlyInAnyOrder("/etc/earshot/earshot.conf", "/etc/default/earshot");
    }

    @Test
    void controlNamesTheVersionArchitectureAndAJava17Runtime() throws Exception {
        String fileName = deb.getFileName().toString();
        assertThat(field("Package")).isEqualTo("earshot");
        assertThat(field("Architecture")).isEqualTo("all");
        assertThat(fileName).isEqualTo("earshot_" + field("Version") + "_all.deb");
        assertThat(field("Depends")).contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless")
                .contains("adduser");
    }

    @Test
    void maintainerScriptsCreateTheUserAndPurgeDataOnlyOnPurge() throws Exception {
        Path control = temp.resolve("control-" + System.nanoTime());
        dpkgDeb("--control", deb.toString(), control.toString());

        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).contains("adduser --system").contains("install -d -m 0750 -o earshot -g earshot")
                .contains("deb-systemd-helper enable earshot.service");
        String postrm = Files.readString(control.resolve("postrm"));
        String purge = postrm.substring(postrm.indexOf("  purge)"));
        assertThat(purge).contains("rm -rf /var/lib/earshot");
        assertThat(postrm.substring(0, postrm.indexOf("  purge)"))).doesNotContain("rm -rf");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(Files.isExecutable(control.resolve(script))).as(script + " executable").isTrue();
        }
    }

    @Test
    void theServiceRunsAsEarshotConfinedToItsDataAndLogFolders() throws Exception {
        String unit = fileInPackage("./lib/systemd/system/earshot.service");

        assertThat(unit.lines()).contains("User=earshot", "ExecStart=/usr/bin/earshot serve --config /etc/earshot/earshot.conf",
                "Restart=on-failure", "StateDirectory=earshot", "LogsDirectory=earshot", "ProtectSystem=strict",
                "ProtectHome=true", "PrivateTmp=true", "NoNewPrivileges=true", "CapabilityBoundingSet=",
                "ReadWritePaths=/var/lib/earshot /var/log/earshot", "WantedBy=multi-user.target");
    }

    @Test
    void thePackagesConfigListensOnLoopbackAndLogsToVarLog() throws Exception {
        String conf = fileInPackage("./etc/earshot/earshot.conf");

        assertThat(conf.lines()).contains("http-bind = 127.0.0.1", "data-dir = /var/lib/earshot", "log-dir = /var/log/earshot");
        // Secrets come from files, never written into the config in clear.
        assertThat(conf.lines().filter(l -> !l.startsWith("#"))).noneMatch(l -> l.matches("(ami-secret|db-password|admin-password) *=.*"));
    }

    @Test
    void theLauncherSetsTheHeapFromEtcDefault() throws Exception {
        String launcher = fileInPackage("./usr/bin/earshot");
        String defaults = fileInPackage("./etc/default/earshot");

        assertThat(launcher).contains(". /etc/default/earshot").contains("-Xmx$heap").contains("-jar \"$jar\"");
        assertThat(defaults.lines()).contains("EARSHOT_HEAP=1g");
    }

    private static String field(String name) throws Exception {
        return dpkgDeb("--field", deb.toString(), name).strip();
    }

    private static String fileInPackage(String path) throws Exception {
        return Files.readString(unpacked().resolve(path));
    }

    /** dpkg-deb, which every Debian system has (CI's included): a missing one fails the test, it does not skip. */
    private static String dpkgDeb(String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of("dpkg-deb"), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
        return text;
    }
}
