package org.earshot.speech.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.redact.TranscriptRedaction;
import org.earshot.speech.turns.Overlaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call followed live: each poll reads what MixMonitor wrote since the last one and runs it through the
 * parties' tracks (voice activity, recogniser), then judges interruptions and dead air frame by frame and
 * scores the rolling sentiment every {@value #SENTIMENT_EVERY_FRAMES} frames. Polls of one call never overlap
 * (the analyzer schedules them with a fixed delay); {@link #hangUp()} and {@link #stop()} may come from any thread.
 */
public final class LiveCall {

    private static final Logger log = LoggerFactory.getLogger(LiveCall.class);

    /** Every 2 s of audio: the bar moves smoothly, and prosody over 30 s is not measured 100 times a second. */
    static final int SENTIMENT_EVERY_FRAMES = 200;
    static final int SILENCE_REPORT_FRAMES = 100;
    /** After the hang-up, a raw file that has not grown for this many polls is complete. */
    static final int QUIET_POLLS_TO_END = 5;
    /** Card data spoken across spurts of the last minute is still found. */
    static final double REDACTION_LOOKBACK_SECONDS = 60;

    private final String name;
    private final RecordingFollower follower;
    private final ChannelRoles roles;
    private final LiveListener listener;
    private final LiveAnalyzer.Parts parts;
    private final long maxIdlePolls;
    private final List<PartyTrack> tracks = new ArrayList<>();
    private final Interruptions interruptions = new Interruptions();
    private final Deque<Overlap> interruptionsMade = new ArrayDeque<>();
    private final Deque<TranscriptSegment> recentFinals = new ArrayDeque<>();
    private final AtomicBoolean hungUp = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private RollingSentiment sentiment;
    private volatile ScheduledFuture<?> schedule;
    private boolean done;
    private int quietPolls;
    private long idlePolls;
    private int lastSpeechEnd;
    private int lastSilenceReport;

    LiveCall(String name, RecordingFollower follower, ChannelRoles roles, LiveListener listener,
             LiveAnalyzer.Parts parts, long maxIdlePolls) {
        this.name = name;
        this.follower = follower;
        this.roles = roles;
        this.listener = listener;
        this.parts = parts;
        this.maxIdlePolls = maxIdlePolls;
    }

    /** The call hung up: the rest of the file is read, then the analysis ends. */
    public void hangUp() {
        hungUp.set(true);
    }

    /** Ends the analysis at its next poll, whatever is left of the file. */
    public void stop() {
        stopped.set(true);
    }

    void scheduled(ScheduledFuture<?> future) {
        this.schedule = future;
    }

    /** One poll: what is new in the file, analysed. Never throws: a failure ends this call's live view. */
    synchronized void poll() {
        if (done) {
            return;
        }
        try {
            if (stopped.get()) {
                finish();
                return;
            }
            short[] pcm = follower.read();
            if (pcm.length > 0) {
                quietPolls = 0;
                idlePolls = 0;
                analyse(pcm);
                listener.progress(follower.position(), tracks.get(0).samplesReceived() / (double) follower.sampleRate());
            } else if (hungUp.get()) {
                if (follower.closedByWriter() || ++quietPolls >= QUIET_POLLS_TO_END) {
                    finish();
                }
            } else if (++idlePolls >= maxIdlePolls) {
                log.info("Live analysis of {} stops: its recording has not grown for {} polls", name, idlePolls);
                finish();
            }
        } catch (IOException | RuntimeException e) {
            // Not the file's name nor the trace (whose messages name it): MixMonitor names carry the caller's number.
            log.warn("Live analysis of {} failed ({}); the call has no live view from here", name, e.getClass().getSimpleName());
            log.debug("Live analysis of {} failed", name, e);
            finish();
        }
    }

    private void analyse(short[] pcm) throws IOException {
        if (tracks.isEmpty()) {
            openTracks();
        }
        int channels = tracks.size();
        PartyTrack first = tracks.get(0);
        for (int i = 0; i + channels <= pcm.length; i += channels) {
            boolean frame = first.add(pcm[i]);
            for (int c = 1; c < channels; c++) {
                tracks.get(c).add(pcm[i + c]);
            }
            if (frame) {
                afterFrame(first.frames());
            }
        }
        for (PartyTrack t : tracks) {
            t.partial();
        }
    }

    private void openTracks() throws IOException {
        int rate = follower.sampleRate();
        List<String> parties = follower.channels() == 1 ? List.of(LiveAnalyzer.MIXED)
                : List.of(roles.left().key(), roles.right().key());
        for (String party : parties) {
            tracks.add(new PartyTrack(party, rate, parts.transcriber().stream(party, rate), this::segment));
        }
        sentiment = new RollingSentiment(parts.sentiment(), rate);
        log.info("Live analysis of {} started: {} channel(s) at {} Hz", name, parties.size(), rate);
    }

    private void afterFrame(int now) {
        if (tracks.size() == 2) {
            interruptions.check(tracks.get(0), tracks.get(1), (by, at) -> {
                interruptionsMade.addLast(new Overlap(at, at, by, Overlaps.INTERRUPTION));
                while (interruptionsMade.size() > 1 && interruptionsMade.peekFirst().start() < at - RollingSentiment.WINDOW_SECONDS) {
                    interruptionsMade.removeFirst();
                }
                listener.interruption(by, at);
            });
        }
        boolean speaking = false;
        for (PartyTrack t : tracks) {
            if (t.openStart() >= 0) {
                speaking = true;
                lastSpeechEnd = Math.max(lastSpeechEnd, t.openEnd());
            }
        }
        if (!speaking && now - lastSpeechEnd >= SILENCE_REPORT_FRAMES && now - lastSilenceReport >= SILENCE_REPORT_FRAMES) {
            lastSilenceReport = now;
            listener.silence(lastSpeechEnd / 100.0, now / 100.0);
        }
        if (now % SENTIMENT_EVERY_FRAMES == 0) {
            score(now);
        }
    }

    private void score(int now) {
        Map<String, Double> scores = sentiment.score(tracks, List.copyOf(interruptionsMade), now);
        for (PartyTrack t : tracks) {
            Double s = scores.get(t.party);
            if (s != null) {
                listener.sentiment(t.party, s, now / 100.0);
            }
        }
    }

    /** A party's segment, with card data taken out as the post-call transcript takes it out. */
    private void segment(LiveSegment segment, List<Word> words) {
        if (!parts.pciRedaction()) {
            listener.segment(segment);
            return;
        }
        TranscriptSegment mine = new TranscriptSegment(segment.party(), segment.start(), segment.end(), segment.text(), words);
        while (!recentFinals.isEmpty() && recentFinals.peekFirst().end() < segment.start() - REDACTION_LOOKBACK_SECONDS) {
            recentFinals.removeFirst();
        }
        List<TranscriptSegment> context = new ArrayList<>(recentFinals);
        context.add(mine);
        List<TranscriptSegment> redacted = TranscriptRedaction.redact(context, List.of(), segment.end() + 1).transcript();
        TranscriptSegment clean = redacted.get(redacted.size() - 1);
        String text = clean.text();
        if (segment.isFinal()) {
            recentFinals.addLast(mine);
        }
        listener.segment(new LiveSegment(segment.party(), text, segment.isFinal(), segment.start(), segment.end()));
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        try {
            for (PartyTrack t : tracks) {
                t.finish();
            }
            if (!tracks.isEmpty()) {
                int now = tracks.get(0).frames();
                afterFrame(now);
                score(now);
            }
        } catch (RuntimeException e) {
            log.warn("Live analysis of {} failed while ending", name, e);
        } finally {
            tracks.forEach(PartyTrack::close);
            try {
                follower.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", follower, e);
            }
            ScheduledFuture<?> s = schedule;
            if (s != null) {
                s.cancel(false);
            }
            parts.ended(this);
            log.info("Live analysis of {} ended", name);
            listener.ended();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
