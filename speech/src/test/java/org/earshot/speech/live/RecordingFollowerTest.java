package org.earshot.speech.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.earshot.speech.AudioFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFollowerTest {

    /** Asterisk's stdio buffer: MixMonitor files grow in steps of exactly this (fixture mixmonitor-growth-01). */
    static final int STEP = 32 * 1024;

    @TempDir
    Path dir;

    @Test
    void fileThatAppearsLateIsReadFromItsFirstByteOnceItExists() throws IOException {
        Path file = dir.resolve("late-stereo.raw");
        RecordingFollower follower = new RecordingFollower(file, 1 << 20);

        assertThat(follower.read()).isEmpty();
        Files.write(file, pcm(0, 1000));
        short[] read = follower.read();

        assertThat(read).hasSize(1000);
        assertThat(read[0]).isEqualTo((short) 0);
        assertThat(read[999]).isEqualTo((short) 999);
    }

    @Test
    void aStallReadsNothingAndTheNextStepContinuesWhereTheLastEnded() throws IOException {
        Path file = dir.resolve("stall-stereo.raw");
        Files.write(file, pcm(0, STEP / 2));
        RecordingFollower follower = new RecordingFollower(file, 1 << 20);

        assertThat(follower.read()).hasSize(STEP / 2);
        assertThat(follower.read()).isEmpty();
        assertThat(follower.read()).isEmpty();
        append(file, pcm(STEP / 2, STEP / 2));

        short[] next = follower.read();
        assertThat(next).hasSize(STEP / 2);
        assertThat(next[0]).isEqualTo((short) (STEP / 2));
    }

    @Test
    void thirtyTwoKibStepsAreReadWholeAndInOrderWithNothingLostOrDoubled() throws IOException {
        Path file = dir.resolve("steps-stereo.raw");
        Files.write(file, new byte[0]); // MixMonitor creates the file empty at Answer
        RecordingFollower follower = new RecordingFollower(file, LiveAnalyzer.MAX_CHUNK_BYTES);
        int samplesPerStep = STEP / 2;
        int seen = 0;
        for (int step = 0; step < 5; step++) {
            append(file, pcm(step * samplesPerStep, samplesPerStep));
            short[] read = follower.read();
            for (short s : read) {
                assertThat(s).isEqualTo((short) seen++);
            }
        }
        assertThat(seen).isEqualTo(5 * samplesPerStep);
        assertThat(follower.position()).isEqualTo(5L * STEP);
    }

    @Test
    void aBacklogIsReadInBoundedChunksOfWholeStereoFrames() throws IOException {
        Path file = dir.resolve("backlog-stereo.raw");
        Files.write(file, pcm(0, 10_001)); // 10,001 samples: the last half frame is not readable yet
        RecordingFollower follower = new RecordingFollower(file, 4096);

        int total = 0;
        for (short[] read = follower.read(); read.length > 0; read = follower.read()) {
            assertThat(read.length * 2).isLessThanOrEqualTo(4096);
            assertThat(read.length % 2).isZero();
            total += read.length;
        }
        assertThat(total).isEqualTo(10_000);
    }

    @Test
    void fileRenamedAtTheEndIsStillReadToItsLastByte() throws IOException {
        Path file = dir.resolve("moving-stereo.raw");
        Files.write(file, pcm(0, 2000));
        RecordingFollower follower = new RecordingFollower(file, 1 << 20);
        assertThat(follower.read()).hasSize(2000);

        Path moved = Files.move(file, dir.resolve("done-stereo.raw"));
        append(moved, pcm(2000, 500));

        assertThat(follower.read()).hasSize(500);
    }

    @Test
    void growingWavWithZeroSizesInItsHeaderIsReadAsPcmAfterTheHeader() throws IOException {
        Path file = dir.resolve("mixed.wav");
        Files.write(file, wavHeader(1, 8000, 0)); // format_wav.c writes 0 sizes until the file closes
        RecordingFollower follower = new RecordingFollower(file, 1 << 20);
        assertThat(follower.read()).isEmpty();

        append(file, pcm(0, STEP / 2));
        short[] read = follower.read();

        assertThat(follower.channels()).isEqualTo(1);
        assertThat(follower.sampleRate()).isEqualTo(8000);
        assertThat(read).hasSize(STEP / 2);
        assertThat(read[1]).isEqualTo((short) 1);
        assertThat(follower.closedByWriter()).isFalse();
    }

    @Test
    void wavWhoseHeaderGetsItsSizesIsClosedAndReadNoFurtherThanItsData() throws IOException {
        Path file = dir.resolve("closing.wav");
        Files.write(file, wavHeader(1, 8000, 0));
        append(file, pcm(0, 100));
        RecordingFollower follower = new RecordingFollower(file, 1 << 20);
        assertThat(follower.read()).hasSize(100);

        append(file, pcm(100, 50));
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(wavHeader(1, 8000, 120 * 2)), 0); // closed with 120 samples of data
        }
        append(file, new byte[40]); // trailing bytes past the data chunk are not audio

        assertThat(follower.read()).hasSize(20);
        assertThat(follower.closedByWriter()).isTrue();
    }

    @Test
    void wavThatIsNotSixteenBitPcmIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("ulaw.wav");
        byte[] header = wavHeader(1, 8000, 0);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 7); // µ-law
        Files.write(file, header);

        assertThatThrownBy(() -> new RecordingFollower(file, 1 << 20).read())
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("ulaw.wav");
    }

    static byte[] pcm(int first, int count) {
        ByteBuffer b = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putShort((short) (first + i));
        }
        return b.array();
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    static byte[] wavHeader(int channels, int rate, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(dataBytes == 0 ? 0 : 36 + dataBytes).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.putInt(0x61746164).putInt(dataBytes);
        return b.array();
    }
}
