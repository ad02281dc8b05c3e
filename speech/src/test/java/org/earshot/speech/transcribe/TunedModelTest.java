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

class TunedModelTest {

    private static final List<String> SHIPPED = List.of("--min-active=200", "--max-active=3000", "--beam=10.0",
            "--lattice-beam=2.0", "--acoustic-scale=1.0", "--frame-subsampling-factor=3");
    private static final DecoderSearch NARROW = new DecoderSearch(10.0, 700, 50, 2.0);

    @TempDir
    Path tmp;

    @Test
    void searchOptionsReplaceTheModelsOwnWhereTheyStandAndTheRestIsKept() {
        String conf = TunedModel.modelConf(SHIPPED, new DecoderSearch(7.5, 1000, 20, 1.5));

        assertThat(conf.lines().filter(l -> !l.startsWith("#"))).containsExactly("--min-active=20", "--max-active=1000",
                "--beam=7.5", "--lattice-beam=1.5", "--acoustic-scale=1.0", "--frame-subsampling-factor=3");
    }

    @Test
    void searchOptionsTheModelDoesNotSetAreAppended() {
        String conf = TunedModel.modelConf(List.of("--frame-subsampling-factor=3"), NARROW);

        assertThat(conf.lines().filter(l -> !l.startsWith("#"))).containsExactly("--frame-subsampling-factor=3",
                "--beam=10.0", "--max-active=700", "--min-active=50", "--lattice-beam=2.0");
    }

    @Test
    void kaldisDitherIsTurnedOffWhereverTheModelSetsIt() {
        assertThat(TunedModel.mfccConf(List.of("--use-energy=false", "--dither=1.0")).lines()
                .filter(l -> !l.startsWith("#"))).containsExactly("--use-energy=false", "--dither=0");
        assertThat(TunedModel.mfccConf(List.of("--use-energy=false")).lines()
                .filter(l -> !l.startsWith("#"))).containsExactly("--use-energy=false", "--dither=0");
    }

    @Test
    void withoutSearchSettingsOnlyTheDitherChangesAndModelConfStaysTheModelsOwn() throws IOException {
        Path model = modelFolder(tmp.resolve("vosk-model"));

        Path tuned = TunedModel.prepare(model, null, tmp.resolve("cache"));

        assertThat(Files.isSymbolicLink(tuned.resolve("conf/model.conf"))).isTrue();
        assertThat(Files.readAllLines(tuned.resolve("conf/model.conf"))).isEqualTo(SHIPPED);
        assertThat(Files.readAllLines(tuned.resolve("conf/mfcc.conf"))).contains("--sample-frequency=16000", "--dither=0");
        assertThat(Files.readAllLines(model.resolve("conf/mfcc.conf"))).containsExactly("--sample-frequency=16000");
    }

    @Test
    void theTunedFolderLinksTheModelAndLeavesTheOriginalAsShipped() throws IOException {
        Path model = modelFolder(tmp.resolve("vosk-model"));
        Path cache = tmp.resolve("cache");

        Path tuned = TunedModel.prepare(model, NARROW, cache);

        assertThat(tuned.getParent()).isEqualTo(cache);
        assertThat(VoskModelDir.problem(tuned)).isNull();
        assertThat(Files.isSymbolicLink(tuned.resolve("am"))).isTrue();
        assertThat(tuned.resolve("graph/HCLr.fst")).hasContent("graph");
        assertThat(Files.isSymbolicLink(tuned.resolve("conf/mfcc.conf"))).isFalse();
        assertThat(Files.readAllLines(tuned.resolve("conf/model.conf"))).contains("--max-active=700", "--min-active=50");
        assertThat(Files.readAllLines(model.resolve("conf/model.conf"))).isEqualTo(SHIPPED);
    }

    @Test
    void theSameSettingsReuseTheFolderAndOthersGetTheirOwn() throws IOException {
        Path model = modelFolder(tmp.resolve("vosk-model"));
        Path cache = tmp.resolve("cache");

        Path first = TunedModel.prepare(model, NARROW, cache);
        Path again = TunedModel.prepare(model, NARROW, cache);
        Path wider = TunedModel.prepare(model, new DecoderSearch(9.0, 3000, 50, 2.0), cache);

        assertThat(again).isEqualTo(first);
        assertThat(wider).isNotEqualTo(first);
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries).containsExactlyInAnyOrder(first, wider); // no half-built leftovers
        }
    }

    @Test
    void aTunedFolderWhoseLinksDangleIsRebuilt() throws IOException {
        Path model = modelFolder(tmp.resolve("vosk-model"));
        Path cache = tmp.resolve("cache");
        Path tuned = TunedModel.prepare(model, NARROW, cache);
        Files.delete(tuned.resolve("am"));
        Files.createSymbolicLink(tuned.resolve("am"), tmp.resolve("moved-away/am"));

        assertThat(TunedModel.prepare(model, NARROW, cache)).isEqualTo(tuned);
        assertThat(tuned.resolve("am/final.mdl")).hasContent("am");
    }

    @Test
    void aModelWithoutModelConfCanStillBeUsedWithItsOwnSearch() throws IOException {
        Path model = modelFolder(tmp.resolve("old-layout"));
        Files.delete(model.resolve("conf/model.conf"));

        Path tuned = TunedModel.prepare(model, null, tmp.resolve("cache"));

        assertThat(tuned.resolve("conf/model.conf")).doesNotExist();
        assertThat(tuned.resolve("am/final.mdl")).hasContent("am");
    }

    @Test
    void aModelWithoutModelConfIsRefusedByNameWhenASearchIsAsked() throws IOException {
        Path model = modelFolder(tmp.resolve("old-layout"));
        Files.delete(model.resolve("conf/model.conf"));

        assertThatThrownBy(() -> TunedModel.prepare(model, NARROW, tmp.resolve("cache")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(model.toAbsolutePath().toString())
                .hasMessageContaining("no conf/model.conf");
    }

    private static Path modelFolder(Path dir) throws IOException {
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
