package org.earshot.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.earshot.speech.SpeechSettings.DecoderSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTunedModelTest {

    private static final List<String> SHIPPED = List.of("--min-active=200", "--max-active=3000", "--beam=10.0",
            "--lattice-beam=2.0", "--acoustic-scale=1.0", "--frame-subsampling-factor=3");
    private static final DecoderSearch NARROW = new DecoderSearch(10.0, 700, 50, 2.0);

    @TempDir
    Path tmp;

    @Test
    void searchOptionsReplaceTheModelsOwnWhereTheyStandAndTheRestIsKept() {
        String conf = SearchTunedModel.modelConf(SHIPPED, new DecoderSearch(7.5, 1000, 20, 1.5));

        assertThat(conf.lines().filter(l -> !l.startsWith("#"))).containsExactly("--min-active=20", "--max-active=1000",
                "--beam=7.5", "--lattice-beam=1.5", "--acoustic-scale=1.0", "--frame-subsampling-factor=3");
    }

    @Test
    void searchOptionsTheModelDoesNotSetAreAppended() {
        String conf = SearchTunedModel.modelConf(List.of("--frame-subsampling-factor=3"), NARROW);

        assertThat(conf.lines().filter(l -> !l.startsWith("#"))).containsExactly("--frame-subsampling-factor=3",
                "--beam=10.0", "--max-active=700", "--min-active=50", "--lattice-beam=2.0");
    }

    @Test
    void theTunedFolderLinksTheModelAndLeavesTheOriginalAsShipped() throws IOException {
        Path model = fakeModel(tmp.resolve("vosk-model"));
        Path cache = tmp.resolve("cache");

        Path tuned = SearchTunedModel.prepare(model, NARROW, cache);

        assertThat(tuned.getParent()).isEqualTo(cache);
        assertThat(VoskModelDir.problem(tuned)).isNull();
        assertThat(Files.isSymbolicLink(tuned.resolve("am"))).isTrue();
        assertThat(tuned.resolve("graph/HCLr.fst")).hasContent("graph");
        assertThat(tuned.resolve("conf/mfcc.conf")).hasContent("--sample-frequency=16000");
        assertThat(Files.readAllLines(tuned.resolve("conf/model.conf"))).contains("--max-active=700", "--min-active=50");
        assertThat(Files.readAllLines(model.resolve("conf/model.conf"))).isEqualTo(SHIPPED);
    }

    @Test
    void theSameSettingsReuseTheFolderAndOthersGetTheirOwn() throws IOException {
        Path model = fakeModel(tmp.resolve("vosk-model"));
        Path cache = tmp.resolve("cache");

        Path first = SearchTunedModel.prepare(model, NARROW, cache);
        Path again = SearchTunedModel.prepare(model, NARROW, cache);
        Path wider = SearchTunedModel.prepare(model, new DecoderSearch(9.0, 3000, 50, 2.0), cache);

        assertThat(again).isEqualTo(first);
        assertThat(wider).isNotEqualTo(first);
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries).containsExactlyInAnyOrder(first, wider); // no half-built leftovers
        }
    }

    @Test
    void aTunedFolderWhoseLinksDangleIsRebuilt() throws IOException {
        Path model = fakeModel(tmp.resolve("vosk-model"));
        Path cache = tmp.resolve("cache");
        Path tuned = SearchTunedModel.prepare(model, NARROW, cache);
        Files.delete(tuned.resolve("am"));
        Files.createSymbolicLink(tuned.resolve("am"), tmp.resolve("moved-away/am"));

        assertThat(SearchTunedModel.prepare(model, NARROW, cache)).isEqualTo(tuned);
        assertThat(tuned.resolve("am/final.mdl")).hasContent("am");
    }

    @Test
    void aModelWithoutModelConfIsRefusedByName() throws IOException {
        Path model = fakeModel(tmp.resolve("old-layout"));
        Files.delete(model.resolve("conf/model.conf"));

        assertThatThrownBy(() -> SearchTunedModel.prepare(model, NARROW, tmp.resolve("cache")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(model.toAbsolutePath().toString())
                .hasMessageContaining("no conf/model.conf");
    }

    private static Path fakeModel(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("am"));
        Files.writeString(dir.resolve("am/final.mdl"), "am");
        Files.createDirectories(dir.resolve("graph"));
        Files.writeString(dir.resolve("graph/HCLr.fst"), "graph");
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/mfcc.conf"), "--sample-frequency=16000");
        Files.write(dir.resolve("conf/model.conf"), SHIPPED);
        return dir;
    }
}
