package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseInUseTest {

    @TempDir
    Path dir;

    /** Run in a second JVM: opens the database, says so, and holds it until killed. */
    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(args[0], null, null)) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void anEmbeddedDatabaseHeldByAnotherProcessIsNamedSayingStopItFirst() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/earshot") + ";DB_CLOSE_ON_EXIT=FALSE";
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseInUseTest.class.getName(), url)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("open")) {
                // log lines of the other JVM
            }
            assertThat(line).as("the other process opened the database").isEqualTo("open");

            assertThatThrownBy(() -> Database.open(url, null, null))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.resolve("db/earshot").toString())
                    .hasMessageContaining("in use by another Earshot process")
                    .hasMessageContaining("stop it first");
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
