package org.earshot.server.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What the data dir says about its demo: the instant it was generated up to (with the seed, all a
 * re-run needs to make exactly the same calls), whether loading finished, and what was loaded.
 * Loading is repeatable, so a start that was cut off part-way simply runs again with the same anchor.
 *
 * @param adminUsesDemoPassword whether admin was created with the demo password; null until the users were created
 * @param summary null until loading finished
 */
record DemoState(Instant anchor, Boolean adminUsesDemoPassword, DemoCallCenter.Loaded summary) {

    static final String FILE = "state.properties";

    boolean complete() {
        return summary != null;
    }

    static DemoState read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Instant anchor = Instant.parse(p.getProperty("anchor"));
        String admin = p.getProperty("adminUsesDemoPassword");
        Boolean adminUsesDemoPassword = admin == null ? null : Boolean.valueOf(admin);
        if (!"true".equals(p.getProperty("complete"))) {
            return new DemoState(anchor, adminUsesDemoPassword, null);
        }
        String skipped = p.getProperty("recordingsSkipped", "");
        return new DemoState(anchor, adminUsesDemoPassword, new DemoCallCenter.Loaded(DemoCallCenter.Status.REUSED, "",
                Instant.parse(p.getProperty("from")), anchor, integer(p, "calls"), integer(p, "answered"),
                integer(p, "abandoned"), integer(p, "surveys"), integer(p, "repeatCallers"),
                DemoFloor.QUEUES.stream().map(DemoFloor.Queue::name).toList(),
                DemoFloor.AGENTS.stream().map(DemoFloor.Agent::name).toList(), list(p.getProperty("recorded", "")),
                skipped.isEmpty() ? null : skipped, Boolean.TRUE.equals(adminUsesDemoPassword)));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("anchor", anchor.toString());
        p.setProperty("complete", Boolean.toString(complete()));
        if (adminUsesDemoPassword != null) {
            p.setProperty("adminUsesDemoPassword", adminUsesDemoPassword.toString());
        }
        if (summary != null) {
            p.setProperty("from", summary.from().toString());
            p.setProperty("calls", Integer.toString(summary.calls()));
            p.setProperty("answered", Integer.toString(summary.answered()));
            p.setProperty("abandoned", Integer.toString(summary.abandoned()));
            p.setProperty("surveys", Integer.toString(summary.surveys()));
            p.setProperty("repeatCallers", Integer.toString(summary.repeatCallers()));
            p.setProperty("recorded", String.join(",", summary.recordedCallIds()));
            p.setProperty("recordingsSkipped", summary.recordingsSkipped() == null ? "" : summary.recordingsSkipped());
        }
        Path tmp = dir.resolve(FILE + ".part");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "earshot serve --demo: delete the whole data dir to generate the demo again");
        }
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static int integer(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, "0"));
    }

    private static List<String> list(String csv) {
        return csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }
}
