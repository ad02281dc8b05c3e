package org.earshot.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallDocument.TimedWord;

/** A test call with every field set to a plain default, changed one field at a time. */
final class CallBuilder {

    private final String id;
    private Instant startedAt = Calls.T0;
    private double duration = 60;
    private String caller = "+15550100";
    private String direction;
    private String queue = "sales";
    private List<String> agents = List.of("alice");
    private String outcome = "answered";
    private Double waitSeconds = 5.0;
    private Double talkSeconds = 55.0;
    private Double holdSeconds;
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();
    private List<TimedWord> words = List.of();
    private String crmId;
    private List<String> redacted = List.of();

    private CallBuilder(String id) {
        this.id = id;
    }

    static CallBuilder callWith(String id) {
        return new CallBuilder(id);
    }

    CallBuilder startedAt(String instant) {
        this.startedAt = Instant.parse(instant);
        return this;
    }

    CallBuilder startedAt(Instant instant) {
        this.startedAt = instant;
        return this;
    }

    CallBuilder duration(double seconds) {
        this.duration = seconds;
        return this;
    }

    CallBuilder caller(String caller) {
        this.caller = caller;
        return this;
    }

    CallBuilder direction(String direction) {
        this.direction = direction;
        return this;
    }

    CallBuilder queue(String queue) {
        this.queue = queue;
        return this;
    }

    CallBuilder agents(String... agents) {
        this.agents = List.of(agents);
        return this;
    }

    CallBuilder outcome(String outcome) {
        this.outcome = outcome;
        return this;
    }

    CallBuilder waitSeconds(Double seconds) {
        this.waitSeconds = seconds;
        return this;
    }

    CallBuilder talkSeconds(Double seconds) {
        this.talkSeconds = seconds;
        return this;
    }

    CallBuilder holdSeconds(Double seconds) {
        this.holdSeconds = seconds;
        return this;
    }

    CallBuilder figure(String name, double value) {
        this.figures.put(name, value);
        return this;
    }

    CallBuilder flags(String... flags) {
        this.flags.addAll(List.of(flags));
        return this;
    }

    CallBuilder words(List<TimedWord> words) {
        this.words = words;
        return this;
    }

    CallBuilder redacted(String... kinds) {
        this.redacted = List.of(kinds);
        return this;
    }

    CallBuilder crmId(String crmId) {
        this.crmId = crmId;
        return this;
    }

    CallDocument build() {
        return new CallDocument(id, startedAt, duration, caller, direction, queue, agents, outcome,
                waitSeconds, talkSeconds, holdSeconds, figures, flags, words, crmId, redacted);
    }
}
