package org.earshot.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelTest {

    @TempDir
    Path cache;

    @Test
    void bundledModelIsUnpackedOnceIntoAVersionedFolderWithNoLeftovers() throws IOException {
        Path model = BundledModel.unpack(cache);

        assertThat(model.getFileName().toString()).isEqualTo("vosk-model-en-us-0.3.45");
        assertThat(VoskModelDir.problem(model)).isNull();
        assertThat(model.resolve("graph/HCLr.fst")).isRegularFile();
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries).containsExactly(model);
        }
    }

    @Test
    void anUnpackedModelIsReused() throws IOException {
        Path model = BundledModel.unpack(cache);
        Path marker = model.resolve("am/final.mdl");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(marker, old);

        assertThat(BundledModel.unpack(cache)).isEqualTo(model);
        assertThat(Files.getLastModifiedTime(marker)).isEqualTo(old);
    }

    @Test
    void aFolderThatIsNotAVoskModelIsRefusedByName() throws IOException {
        Path notAModel = Files.createDirectories(cache.resolve("my-model"));

        assertThatThrownBy(() -> VoskModelDir.require(notAModel))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notAModel.toAbsolutePath().toString())
                .hasMessageContaining("am/final.mdl not found");
    }
}
