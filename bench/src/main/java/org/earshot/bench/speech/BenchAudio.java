package org.earshot.bench.speech;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.earshot.speech.AllisonPrompts;
import org.earshot.speech.audio.PcmWavHeader;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;

/**
 * Long stereo call audio for the benchmark, 16-bit PCM WAV written streaming. A conversation of
 * real telephone speech: Asterisk's Allison prompts (Debian asterisk-core-sounds-en-wav) as turns,
 * customer and agent alternating, 0.3–1.5 s between turns and a 4–8 s pause (a lookup, a hold)
 * every sixth turn; each party then speaks about a third of the time, as in a service call. The
 * customer's (PSTN) leg carries line hiss at about -50 dBFS RMS, the agent's (PBX) leg digital
 * silence between turns, like the generated test calls and like real MixMonitor recordings.
 * Gaps and hiss are seeded, so every run builds the same file. Only the tuning half of the prompts
 * is used ({@link #tuningHalf}): the decoder search is tuned on this bench, and the WER test's
 * held-out half must stay unread by any tuning. Without the prompts it falls back to the generated
 * test calls (espeak-ng: Vosk decodes synthetic speech several times slower than natural speech).
 */
final class BenchAudio {

    static final Path PROMPTS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    /** -50 dBFS RMS: the level make-test-call.sh gives the customer leg (sox whitenoise vol 0.006). */
    static final double HISS_RMS = 32768 * Math.pow(10, -50 / 20.0);

    private BenchAudio() {
    }

    static Path build(Path callsDir, double minSeconds, Path out) throws IOException {
        return Files.isDirectory(PROMPTS) ? conversation(minSeconds, out) : calls(callsDir, minSeconds, out);
    }

    private static Path conversation(double minSeconds, Path out) throws IOException {
        List<Path> prompts;
        try (Stream<Path> files = Files.list(PROMPTS)) {
            prompts = files.filter(p -> p.toString().endsWith(".wav")).filter(BenchAudio::tuningHalf).sorted().toList();
        }
        Random random = new Random(42);
        return write(out, 8000, minSeconds, new Turns() {
            int turn;

            @Override
            public short[][] next() throws IOException {
                short[] speech = RecordingReader.read(prompts.get(turn % prompts.size())).channel(0);
                double gap = turn % 6 == 5 ? 4 + 4 * random.nextDouble() : 0.3 + 1.2 * random.nextDouble();
                short[] silence = new short[speech.length + (int) (gap * 8000)];
                short[] voiced = java.util.Arrays.copyOf(speech, silence.length);
                short[][] lr = turn++ % 2 == 0 ? new short[][] {voiced, silence} : new short[][] {silence, voiced};
                for (int i = 0; i < lr[0].length; i++) {
                    lr[0][i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, lr[0][i] + HISS_RMS * random.nextGaussian()));
                }
                return lr;
            }
        });
    }

    /** Whether the prompt is in the half the WER test may tune on ({@link AllisonPrompts#half}). */
    static boolean tuningHalf(Path prompt) {
        String name = prompt.getFileName().toString();
        return AllisonPrompts.half(name.substring(0, name.length() - ".wav".length())) == AllisonPrompts.Half.TUNING;
    }

    private static Path calls(Path callsDir, double minSeconds, Path out) throws IOException {
        List<Recording> calls = new ArrayList<>();
        for (String name : List.of("generated-call.wav", "calm-call.wav", "agitated-call.wav")) {
            calls.add(RecordingReader.read(callsDir.resolve(name)));
        }
        Random random = new Random(42);
        return write(out, 8000, minSeconds, new Turns() {
            int call;

            @Override
            public short[][] next() {
                Recording r = calls.get(call++ % calls.size());
                int silence = (int) ((1 + 5 * random.nextDouble()) * 8000);
                return new short[][] {java.util.Arrays.copyOf(r.channel(0), r.frames() + silence),
                        java.util.Arrays.copyOf(r.channel(1), r.frames() + silence)};
            }
        });
    }

    /** The next stretch of the call: left and right samples of equal length. */
    private interface Turns {
        short[][] next() throws IOException;
    }

    private static Path write(Path out, int rate, double minSeconds, Turns turns) throws IOException {
        Path body = Files.createTempFile(out.getParent(), "bench-body", ".pcm");
        long frames = 0;
        try (OutputStream pcm = new BufferedOutputStream(Files.newOutputStream(body), 1 << 16)) {
            while (frames < minSeconds * rate) {
                short[][] lr = turns.next();
                ByteBuffer b = ByteBuffer.allocate(4 * lr[0].length).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < lr[0].length; i++) {
                    b.putShort(lr[0][i]).putShort(lr[1][i]);
                }
                pcm.write(b.array());
                frames += lr[0].length;
            }
        }
        try (OutputStream wav = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            wav.write(PcmWavHeader.bytes(rate, 2, 16, frames * 4));
            Files.copy(body, wav);
        } finally {
            Files.delete(body);
        }
        return out;
    }
}
