package org.earshot.server.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.earshot.server.demo.DemoFloor.Agent;
import org.earshot.server.demo.Dialogues.Dialogue;
import org.earshot.server.demo.Dialogues.Turn;

/**
 * Speaks a demo dialogue into a stereo 8 kHz WAV the way MixMonitor's {@code D} option records a call:
 * left = customer, right = agent (the SPEC default). Each turn is synthesised, put on the telephone
 * band and placed on its party's channel at the time the script gives; overlaps, backchannels and
 * dead air are where the script puts them, and an interrupted speaker falls silent shortly after.
 */
final class DialogueRecorder {

    /** A written recording and its length. */
    record Recording(Path file, double durationSeconds) {
    }

    private static final int AGENT_RATE = 150;
    private static final double AGENT_LEVEL = -4;
    private static final double DEFAULT_GAP = 0.6;
    private static final double FIRST_START = 0.4;
    /** How long an interrupted speaker goes on talking over the interrupter. */
    private static final double CUT_OFF_AFTER = 0.8;
    private static final double TAIL = 0.8;
    /** Telephone-line hiss on the customer side, as in the speech module's test calls; the agent leg is digital. */
    private static final double HISS = 0.004;
    /** A customer whose scripted voice is the agent's own speaks with another well-recognised one. */
    private static final java.util.Map<String, String> OTHER_VOICE = java.util.Map.of("en-us+f2", "en-us+f5",
            "en-us+f5", "en-us+f2", "en-us+m7", "en-us+m6", "en-us+m6", "en-us+m7", "en-us+f3", "en-us+f2", "en-us+m3",
            "en-us+m7");

    /** A synthesised turn placed on the timeline, in samples. */
    private static final class Placed {
        final boolean agent;
        final double[] audio;
        final int start;
        int length;

        Placed(boolean agent, double[] audio, int start) {
            this.agent = agent;
            this.audio = audio;
            this.start = start;
            this.length = audio.length;
        }

        int end() {
            return start + length;
        }
    }

    private final Synthesizer voice;
    private final String company;

    DialogueRecorder(Synthesizer voice, String company) {
        this.voice = voice;
        this.company = company;
    }

    Recording record(Dialogue dialogue, Agent agent, Path file) throws IOException {
        List<Placed> placed = new ArrayList<>();
        Placed previous = null; // the last turn not placed "during" another
        for (Turn turn : dialogue.turns()) {
            String text = turn.text().replace("{agent}", agent.firstName().toLowerCase(java.util.Locale.ROOT))
                    .replace("{company}", company);
            double[] audio = speak(turn, dialogue, agent, text);
            int start;
            if (previous == null) {
                start = samples(FIRST_START);
            } else if (turn.during() != null) {
                start = previous.start + samples(turn.during());
            } else {
                start = Math.max(0, previous.end() + samples(turn.gap() == null ? DEFAULT_GAP : turn.gap()));
            }
            Placed p = new Placed(turn.byAgent(), audio, start);
            if (turn.cutsOff() && previous != null && previous.agent != p.agent) {
                previous.length = Math.max(0, Math.min(previous.length, start + samples(CUT_OFF_AFTER) - previous.start));
            }
            placed.add(p);
            if (turn.during() == null) {
                previous = p;
            }
        }
        int frames = placed.stream().mapToInt(Placed::end).max().orElse(0) + samples(TAIL);
        double[] customer = new double[frames];
        double[] agentSide = new double[frames];
        for (Placed p : placed) {
            mixIn(p.agent ? agentSide : customer, p);
        }
        Random hiss = new Random(dialogue.id().hashCode());
        for (int i = 0; i < frames; i++) {
            customer[i] += HISS * (2 * hiss.nextDouble() - 1);
        }
        TelephoneAudio.writeStereoWav(file, customer, agentSide);
        return new Recording(file, (double) frames / TelephoneAudio.RATE);
    }

    private double[] speak(Turn turn, Dialogue dialogue, Agent agent, String text) throws IOException {
        Dialogues.Voice customer = dialogue.customer();
        String name = turn.byAgent() ? agent.voice()
                : customer.voice().equals(agent.voice()) ? OTHER_VOICE.getOrDefault(customer.voice(), "en-us") : customer.voice();
        int rate = turn.rate() != null ? turn.rate() : turn.byAgent() ? AGENT_RATE : customer.rate();
        int pitch = turn.pitch() != null ? turn.pitch() : turn.byAgent() ? agent.pitch() : customer.pitch();
        double level = turn.level() != null ? turn.level() : turn.byAgent() ? AGENT_LEVEL : customer.level();
        return TelephoneAudio.toLine(voice.speak(text, name, rate, pitch), level);
    }

    /** Adds the turn to its channel, fading out over 30 ms where it was cut off. */
    private static void mixIn(double[] channel, Placed p) {
        int fade = p.length < p.audio.length ? samples(0.03) : 0;
        for (int i = 0; i < p.length; i++) {
            double gain = i >= p.length - fade ? (double) (p.length - i) / fade : 1;
            channel[p.start + i] += p.audio[i] * gain;
        }
    }

    private static int samples(double seconds) {
        return (int) Math.round(seconds * TelephoneAudio.RATE);
    }
}
