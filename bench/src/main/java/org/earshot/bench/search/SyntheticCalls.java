package org.earshot.bench.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.earshot.bench.search.Vocabulary.Topic;
import org.earshot.search.CallDocument;
import org.earshot.search.CallDocument.TimedWord;
import org.earshot.search.Figures;

/**
 * Deterministic synthetic calls: call {@code i} of a seed is always the same, so the index and the
 * SQL baseline are loaded with identical data without holding 100,000 transcripts in memory.
 *
 * <p>Calls are spread over the {@value #DAYS} days before {@link #END}, business hours, 50 agents,
 * 5 queues. 6% are abandoned (no agent, no words); the others have 300–3,000 words split between
 * agent and customer in alternating turns, with word times, dead air, figures and flags consistent
 * with the call's topic (a complaint call is more negative and has more interruptions).
 */
final class SyntheticCalls {

    static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    static final int DAYS = 90;
    static final List<String> QUEUES = List.of("billing", "support", "sales", "retention", "general");
    static final List<String> AGENTS = List.of(("alice bob carol dave erin frank grace heidi ivan judy "
            + "karl laura mallory nina oscar peggy quentin rupert sybil trent ursula victor wendy xavier yvonne "
            + "zach amir bianca chen dmitri elena farid gina hiro ines jamal kofi lena marco nadia "
            + "omar priya quinn rosa sami tara umar vera wei yusuf").split(" "));

    private final long seed;

    SyntheticCalls(long seed) {
        this.seed = seed;
    }

    CallDocument call(int i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        Instant startedAt = END.minus(Duration.ofDays(1 + r.nextInt(DAYS)))
                .plusSeconds(8 * 3600 + r.nextInt(12 * 3600));
        String queue = QUEUES.get(r.nextInt(QUEUES.size()));
        Topic topic = topic(queue, r);
        double wait = round(2 + r.nextDouble() * (r.nextInt(10) == 0 ? 600 : 90));
        if (r.nextInt(100) < 6) {
            return new CallDocument("call-" + i, startedAt, wait, caller(r), null, queue, List.of(), "abandoned",
                    wait, null, null, Map.of(), List.of(), List.of());
        }
        List<String> agents = new ArrayList<>(List.of(AGENTS.get(r.nextInt(AGENTS.size()))));
        if (r.nextInt(100) < 8) {
            agents.add(AGENTS.get(r.nextInt(AGENTS.size()))); // transferred
        }
        Conversation talk = new Conversation(r, topic, 300 + r.nextInt(2_701));
        double hold = r.nextInt(10) < 3 ? round(10 + r.nextDouble() * 290) : 0.0;
        double talkSeconds = round(talk.end);
        return new CallDocument("call-" + i, startedAt, round(wait + hold + talkSeconds), caller(r), null, queue,
                List.copyOf(agents), "answered", wait, talkSeconds, hold, figures(r, topic, talk),
                flags(talk, r), talk.words);
    }

    private static Topic topic(String queue, SplittableRandom r) {
        if (r.nextInt(100) < 12) {
            return Topic.COMPLAINT;
        }
        return switch (queue) {
            case "billing" -> Topic.BILLING;
            case "support" -> Topic.TECHNICAL;
            case "retention" -> Topic.CANCELLATION;
            case "sales" -> Topic.ACCOUNT;
            default -> Topic.values()[r.nextInt(Topic.values().length)];
        };
    }

    private static String caller(SplittableRandom r) {
        return "+1555" + (1_000_000 + r.nextInt(9_000_000));
    }

    /** Alternating turns, agent first, until the call has its number of words. */
    private static final class Conversation {
        final List<TimedWord> words = new ArrayList<>();
        int customerWords;
        int agentWords;
        double deadAir;
        double end;
        final double customerMood;

        Conversation(SplittableRandom r, Topic topic, int target) {
            customerMood = Math.max(-1, Math.min(1, 0.3 - 1.1 * topic.unhappiness + r.nextGaussian() * 0.3));
            double t = 0.4 + r.nextDouble();
            boolean agent = true;
            say("agent", pick(Vocabulary.GREETINGS, r), t, r);
            t = lastEnd() + pause(r);
            agent = false;
            while (words.size() < target) {
                String party = agent ? "agent" : "customer";
                String utterance;
                if (r.nextInt(100) < (agent ? 10 : 25)) {
                    utterance = pick(topic.phrases, r);
                } else {
                    StringBuilder b = new StringBuilder();
                    int n = 3 + r.nextInt(12);
                    for (int k = 0; k < n; k++) {
                        b.append(k == 0 ? "" : " ").append(Vocabulary.word(r));
                    }
                    utterance = b.toString();
                }
                say(party, utterance, t, r);
                double gap = pause(r);
                if (r.nextInt(100) < 3) {
                    gap += 3 + r.nextDouble() * 12; // dead air: the agent looks something up
                    deadAir += gap;
                }
                t = lastEnd() + gap;
                agent = !agent;
            }
            say("agent", pick(Vocabulary.CLOSINGS, r), t, r);
            end = lastEnd() + 0.5;
        }

        private void say(String party, String utterance, double start, SplittableRandom r) {
            double t = start;
            for (String w : utterance.split(" ")) {
                words.add(new TimedWord(party, w, round(t)));
                t += 0.28 + r.nextDouble() * 0.2;
                if (party.equals("agent")) {
                    agentWords++;
                } else {
                    customerWords++;
                }
            }
        }

        private double lastEnd() {
            return words.get(words.size() - 1).start() + 0.4;
        }

        private static double pause(SplittableRandom r) {
            return 0.2 + r.nextDouble() * 1.2;
        }
    }

    private static Map<String, Double> figures(SplittableRandom r, Topic topic, Conversation talk) {
        double minutes = Math.max(talk.end / 60, 0.1);
        double customer = talk.customerMood;
        double agent = clamp(0.45 + r.nextGaussian() * 0.2);
        int interruptsByCustomer = poisson(r, 0.5 + 5 * topic.unhappiness * (customer < 0 ? 1.5 : 0.5));
        int interruptsByAgent = poisson(r, 0.7);
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(Figures.SENTIMENT, round(0.7 * customer + 0.3 * agent));
        f.put(Figures.SENTIMENT_CUSTOMER, round(customer));
        f.put(Figures.SENTIMENT_AGENT, round(agent));
        f.put(Figures.INTERRUPTIONS_CUSTOMER, (double) interruptsByCustomer);
        f.put(Figures.INTERRUPTIONS_AGENT, (double) interruptsByAgent);
        f.put(Figures.BACKCHANNELS_CUSTOMER, (double) poisson(r, 2 + minutes));
        f.put(Figures.BACKCHANNELS_AGENT, (double) poisson(r, 3 + minutes));
        f.put(Figures.OVERLAPS_PER_MINUTE, round((interruptsByCustomer + interruptsByAgent) / minutes));
        f.put(Figures.DEAD_AIR_SECONDS, round(talk.deadAir));
        f.put(Figures.SILENCE_RATIO, round(0.08 + talk.deadAir / talk.end + r.nextDouble() * 0.1));
        f.put(Figures.AGENT_TALK_RATIO, round((double) talk.agentWords / (talk.agentWords + talk.customerWords)));
        f.put(Figures.WORDS_PER_MINUTE_CUSTOMER, round(140 + r.nextGaussian() * 20));
        f.put(Figures.WORDS_PER_MINUTE_AGENT, round(155 + r.nextGaussian() * 15));
        f.put(Figures.PITCH_SD_SEMITONES_CUSTOMER, round(Math.max(0.5, 2.2 + 2 * topic.unhappiness + r.nextGaussian() * 0.6)));
        f.put(Figures.PITCH_SD_SEMITONES_AGENT, round(Math.max(0.5, 2.0 + r.nextGaussian() * 0.4)));
        return f;
    }

    /** The SPEC's flags, from the figures and words as the analysis would set them. */
    private static List<String> flags(Conversation talk, SplittableRandom r) {
        List<String> flags = new ArrayList<>();
        if (talk.customerMood < -0.3) {
            flags.add("customer-negative");
        }
        if (r.nextInt(100) < 3) {
            flags.add("agent-negative");
        }
        if (talk.words.stream().anyMatch(w -> w.party().equals("customer")
                && (w.word().equals("supervisor") || w.word().equals("complaint") || w.word().equals("cancel")))) {
            flags.add("escalation");
        }
        if (talk.deadAir >= 20) {
            flags.add("long-dead-air");
        }
        if (talk.customerMood < -0.5 && r.nextBoolean()) {
            flags.add("frequent-interruptions");
        }
        return flags;
    }

    private static int poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static String pick(List<String> from, SplittableRandom r) {
        return from.get(r.nextInt(from.size()));
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
