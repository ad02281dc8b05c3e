package org.earshot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./earshot} in a source tree, copied into a folder of its own with a stand-in {@code java} first on PATH:
 * it runs the jar when the jar is there, and says what to build when it is not, never calling Maven unasked.
 */
class SourceLauncherTest {

    @TempDir
    Path tree;
    private Path bin;

    @BeforeEach
    void aTreeWithTheLauncherAndAJavaThatPrintsItsArguments() throws Exception {
        Files.copy(Path.of(System.getProperty("user.dir")).resolve("../earshot"), tree.resolve("earshot"));
        bin = Files.createDirectories(tree.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void withTheJarBuiltItRunsJavaWithTheSetHeap() throws Exception {
        Path jar = Files.createDirectories(tree.resolve("server/target")).resolve("earshot.jar");
        Files.write(jar, new byte[0]);

        Result run = run(Map.of(), "serve", "--config", "x.conf");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("java -Xmx1g -XX:+ExitOnOutOfMemoryError -jar " + jar.toRealPath()
                + " serve --config x.conf");
    }

    @Test
    void aOneShotCommandGetsTheHeapOfEarshotHeapAndNoExitOnOutOfMemory() throws Exception {
        Path jar = Files.createDirectories(tree.resolve("server/target")).resolve("earshot.jar");
        Files.write(jar, new byte[0]);

        Result run = run(Map.of("EARSHOT_HEAP", "3g"), "reindex");

        assertThat(run.out().strip()).isEqualTo("java -Xmx3g -jar " + jar.toRealPath() + " reindex");
    }

    @Test
    void withoutTheJarItSaysWhatToBuildAndRunsNothing() throws Exception {
        Result run = run(Map.of(), "serve");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("java -");
        assertThat(run.err()).contains("server/target/earshot.jar is missing").contains("mvn -B -DskipTests package")
                .contains("EARSHOT_BUILD=1");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add("bash");
        command.add(tree.resolve("earshot").toString());
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("EARSHOT_HEAP");
        builder.environment().remove("EARSHOT_JAVA_OPTS");
        builder.environment().remove("EARSHOT_BUILD");
        // The stand-in java first; a Maven in /usr/bin must stay unused (a build would show in the output).
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().putAll(env);
        Path out = tree.resolve("out.txt");
        Path err = tree.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
