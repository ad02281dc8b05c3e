package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.earshot.telephony.KeypadSpan;
import org.earshot.telephony.MutedSpan;
import org.earshot.telephony.Party;

/**
 * Keypad runs and recording mutes of one call, from the events of its caller channel (the channel MixMonitor
 * records): {@code Received} digits and {@code read} mutes are the customer's, {@code Sent} and {@code write} the
 * agent side's. Other channels of the call repeat the same digits (a Local channel pair shows each digit three
 * times) and their mutes do not touch our recording, so the tracker hands on only the caller channel's events.
 * Owned by one open call.
 */
final class SpanWatch {

    /**
     * Digits closer than this (last end to next begin) are one run. A card number keyed in goes at one digit per
     * 0.3 to 1 s; a person pausing between the number, the expiry and the code may take longer, which only splits
     * the spans, all of which are redacted anyway.
     */
    static final Duration RUN_GAP = Duration.ofSeconds(3);

    private final Map<Party, Run> runs = new EnumMap<>(Party.class);
    private final List<KeypadSpan> keypad = new ArrayList<>(1);
    private final Map<Party, Instant> mutedSince = new EnumMap<>(Party.class);
    private final List<MutedSpan> muted = new ArrayList<>(1);

    void key(CallEvent.KeyPressed key) {
        Party party = key.received() ? Party.CUSTOMER : Party.AGENT;
        Run run = runs.get(party);
        if (key.end() && run != null && run.digitOpen) {
            run.digitOpen = false;
            run.lastEnd = key.at();
            return;
        }
        // A begin; or an end whose begin we never saw (an event filter, a dropped link): it began DurationMs ago.
        Instant began = key.end() && key.durationMs() != null ? key.at().minusMillis(key.durationMs()) : key.at();
        if (run != null) {
            run.close(began); // a begin while a digit is open: that digit's end was lost
            if (!began.isBefore(run.lastEnd.plus(RUN_GAP))) {
                finish(party, run);
                run = null;
            }
        }
        if (run == null) {
            run = new Run(began);
            runs.put(party, run);
        }
        run.digits++;
        run.lastEnd = key.at();
        run.digitOpen = !key.end();
    }

    /** Any other event of the call: a digit still open lost its end, which was before this. */
    void other(Instant at) {
        runs.values().forEach(run -> run.close(at));
    }

    void mute(CallEvent.MuteChanged mute) {
        if (mute.read()) {
            mute(Party.CUSTOMER, mute.muted(), mute.at());
        }
        if (mute.write()) {
            mute(Party.AGENT, mute.muted(), mute.at());
        }
    }

    /** The keypad runs, in order of start; a run (and a digit) still open ends at {@code callEnd}. */
    List<KeypadSpan> keypadSpans(Instant callEnd) {
        for (Party party : Party.values()) {
            Run run = runs.get(party);
            if (run != null) {
                run.close(callEnd);
                finish(party, run);
            }
        }
        runs.clear();
        keypad.sort(Comparator.comparing(KeypadSpan::start));
        return List.copyOf(keypad);
    }

    /** The muted spans, in order of start; a mute still on ends at {@code callEnd}. */
    List<MutedSpan> mutedSpans(Instant callEnd) {
        for (Party party : Party.values()) {
            mute(party, false, callEnd);
        }
        muted.sort(Comparator.comparing(MutedSpan::start));
        return List.copyOf(muted);
    }

    private void mute(Party party, boolean on, Instant at) {
        Instant since = mutedSince.get(party);
        if (on && since == null) {
            mutedSince.put(party, at);
        } else if (!on && since != null) {
            mutedSince.remove(party);
            muted.add(new MutedSpan(party, since, later(since, at)));
        }
    }

    private void finish(Party party, Run run) {
        keypad.add(new KeypadSpan(party, run.start, later(run.start, run.lastEnd), run.digits));
    }

    /** Receipt times of events read in one burst can be a hair out of order; a span never ends before it starts. */
    private static Instant later(Instant a, Instant b) {
        return b.isBefore(a) ? a : b;
    }

    /** One party's run of digits in progress. */
    private static final class Run {
        final Instant start;
        Instant lastEnd;
        int digits;
        /** A begin seen without its end yet. */
        boolean digitOpen;

        Run(Instant start) {
            this.start = start;
            this.lastEnd = start;
        }

        /** A digit still open ends here: its end was lost. */
        void close(Instant at) {
            if (digitOpen) {
                digitOpen = false;
                lastEnd = later(lastEnd, at);
            }
        }
    }
}
