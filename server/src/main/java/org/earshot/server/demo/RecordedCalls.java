package org.earshot.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.earshot.server.demo.Dialogues.Dialogue;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a dozen of the most recent answered calls a recording: each dialogue goes to the latest call
 * of its queue (of its agent, or from a caller who called before, when the script asks), is spoken
 * with that agent's voice, and the call's times become those of the recording, as if MixMonitor had
 * recorded it. The caller's survey follows the dialogue's mood.
 */
final class RecordedCalls {

    private static final Logger log = LoggerFactory.getLogger(RecordedCalls.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RecordedCalls() {
    }

    /**
     * Records the dialogues into {@code dir} and returns the calls with the recorded ones changed;
     * a dialogue that cannot be spoken is left out with a warning, the rest go on.
     *
     * @param recorded receives the ids of the calls that got a recording, in dialogue order
     */
    static List<DemoCall> attach(List<DemoCall> calls, Dialogues.Script script, Synthesizer voice, Path dir, ZoneId zone,
                                 long seed, List<String> recorded) throws IOException {
        Files.createDirectories(dir);
        List<DemoCall> result = new ArrayList<>(calls);
        DialogueRecorder recorder = new DialogueRecorder(voice, script.company());
        Surveys surveys = new Surveys(new Random(seed ^ 0x5eed));
        Set<Integer> used = new HashSet<>();
        for (Dialogue dialogue : script.dialogues()) {
            int index = pick(result, dialogue, used);
            if (index < 0) {
                log.warn("No answered {} call to attach demo dialogue {} to", dialogue.queue(), dialogue.id());
                continue;
            }
            used.add(index);
            CallRecord call = result.get(index).record();
            DemoFloor.Agent agent = DemoFloor.agent(call.agent());
            Path file = dir.resolve(FILE_TIME.format(call.answeredAt().atZone(zone)) + "-" + call.caller() + "-"
                    + call.uniqueId() + "-stereo.wav");
            try {
                DialogueRecorder.Recording recording = recorder.record(dialogue, agent, file);
                CallRecord changed = matchRecording(call, agent, recording);
                result.set(index, new DemoCall(changed, surveys.answer(dialogue.mood(), changed.endedAt())));
                recorded.add(call.uniqueId());
            } catch (IOException e) {
                log.warn("Demo dialogue {} could not be recorded: {}", dialogue.id(), e.getMessage());
            }
        }
        return result;
    }

    /** The latest answered, untransferred call of the dialogue's queue not yet used; -1 if none. */
    private static int pick(List<DemoCall> calls, Dialogue dialogue, Set<Integer> used) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            CallRecord c = calls.get(i).record();
            if (!used.contains(i) && c.outcome() == CallOutcome.ANSWERED && c.transfers().isEmpty()
                    && dialogue.queue().equals(c.queue())) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparing((Integer i) -> calls.get(i).record().enteredAt()).reversed());
        // What the script asks for if some call has it, else the agent alone, else the queue's latest call.
        for (int strictness = 2; strictness >= 0; strictness--) {
            for (Integer i : candidates) {
                CallRecord c = calls.get(i).record();
                boolean agentFits = strictness < 1 || dialogue.agent() == null || dialogue.agent().equals(c.agent());
                boolean callerFits = strictness < 2 || !dialogue.repeatCaller() || calledBefore(calls, c);
                if (agentFits && callerFits) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean calledBefore(List<DemoCall> calls, CallRecord call) {
        return !"anonymous".equals(call.caller()) && calls.stream().map(DemoCall::record)
                .anyMatch(c -> call.caller().equals(c.caller()) && c.enteredAt().isBefore(call.enteredAt()));
    }

    /** The call as long as its recording: talk = the recording, no hold, the one agent's whole talk. */
    private static CallRecord matchRecording(CallRecord call, DemoFloor.Agent agent, DialogueRecorder.Recording recording) {
        double talk = CallSimulator.round(recording.durationSeconds());
        double wrapUp = call.wrapUpSeconds() == null ? 0 : call.wrapUpSeconds();
        String path = recording.file().toAbsolutePath().normalize().toString();
        return call.toBuilder().endedAt(call.answeredAt().plusMillis(Math.round(talk * 1000))).talkSeconds(talk)
                .holdSeconds(0.0).handleSeconds(talk + wrapUp).agents(List.of(new AgentTalk(agent.name(), agent.iface(), talk, 1.0)))
                .recordingFile(path).recordingFiles(List.of(path)).recordingChannels(List.of("customer", "agent")).build();
    }
}
