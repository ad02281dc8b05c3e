package org.earshot.server.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds an imported call's recording in a folder by its uniqueid, which MixMonitor file names carry
 * ({@code 20261123-001811-5550102-earshot-lab-1795393091.5-stereo.raw}). Prefers the stereo file.
 */
public final class RecordingFinder {

    private final List<Path> files;

    public RecordingFinder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("recordings folder " + dir + " does not exist");
        }
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).toList();
        }
    }

    public Optional<Path> find(String uniqueId) {
        return files.stream()
                .filter(f -> containsId(f.getFileName().toString(), uniqueId))
                .filter(f -> !f.getFileName().toString().matches(".*-(caller|agent)\\.wav"))
                .min(Comparator.comparingInt(RecordingFinder::preference));
    }

    /** True when the name holds the id as a whole: "...1795393091.5-stereo" but not "...1795393091.50". */
    private static boolean containsId(String name, String id) {
        int at = name.indexOf(id);
        while (at >= 0) {
            int end = at + id.length();
            boolean startOk = at == 0 || name.charAt(at - 1) == '-' || name.charAt(at - 1) == '_';
            boolean endOk = end < name.length() && (name.charAt(end) == '-' || name.charAt(end) == '.')
                    && !(name.charAt(end) == '.' && end + 1 < name.length() && Character.isDigit(name.charAt(end + 1)));
            if (startOk && endOk) {
                return true;
            }
            at = name.indexOf(id, at + 1);
        }
        return false;
    }

    private static int preference(Path f) {
        String name = f.getFileName().toString();
        if (name.endsWith("-stereo.raw") || name.endsWith("-stereo.wav")) {
            return 0;
        }
        return name.endsWith(".raw") ? 1 : 2;
    }
}
