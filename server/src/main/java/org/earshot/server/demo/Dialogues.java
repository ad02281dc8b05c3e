package org.earshot.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The scripts of the recorded demo calls, read from {@code demo/dialogues.json} (its {@code _about} says the format). */
final class Dialogues {

    /** The resource's content. */
    record Script(List<String> _about, String company, List<Dialogue> dialogues) {
        Script {
            dialogues = List.copyOf(dialogues);
        }
    }

    /**
     * One recorded call.
     *
     * @param agent        preferred agent (MemberName), or null for whoever took the queue's latest call
     * @param repeatCaller prefer a call from someone who called before
     * @param mood         -2 (furious) .. 1 (delighted): the caller's survey answers
     */
    record Dialogue(String id, String queue, String agent, boolean repeatCaller, double mood, Voice customer, List<Turn> turns) {
        Dialogue {
            turns = List.copyOf(turns);
        }
    }

    /** A party's espeak-ng voice, words per minute, pitch (0-99) and peak level in dBFS. */
    record Voice(String voice, int rate, int pitch, double level) {
    }

    /** One utterance; exactly one of {@code agent} and {@code customer} holds its text. */
    record Turn(String agent, String customer, Double gap, Double during, boolean cutsOff, Integer rate, Integer pitch,
                Double level) {
        Turn {
            if ((agent == null) == (customer == null)) {
                throw new IllegalArgumentException("a demo dialogue turn needs exactly one of agent or customer: " + agent
                        + " / " + customer);
            }
        }

        boolean byAgent() {
            return agent != null;
        }

        String text() {
            return byAgent() ? agent : customer;
        }
    }

    private Dialogues() {
    }

    static Script load() {
        try (InputStream in = Dialogues.class.getResourceAsStream("/demo/dialogues.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/dialogues.json is missing from the classpath");
            }
            return new ObjectMapper().readValue(in, Script.class);
        } catch (IOException e) {
            throw new UncheckedIOException("demo/dialogues.json cannot be read", e);
        }
    }
}
