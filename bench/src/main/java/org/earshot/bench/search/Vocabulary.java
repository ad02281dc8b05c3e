package org.earshot.bench.search;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Call-center English for synthetic transcripts: a few hundred words in rough order of how often
 * they are said on support calls (function words first, then the words of greetings, accounts,
 * billing, cancellations, internet faults and complaints), drawn with Zipf frequencies (the word of
 * rank r with weight 1/r), plus whole phrases per call topic so that phrase and proximity queries
 * find something, as they do in real calls.
 */
final class Vocabulary {

    static final List<String> WORDS = List.of((""
            + "i you the to a and it is that my your for of can in this me be have on we so just "
            + "okay yes no what do with not was are will if at there please get let one like can't "
            + "thank thanks right now here all see um uh well know need go sure that's it's i'm "
            + "account number bill call calling help today time about check again would could "
            + "service internet payment phone card back because they them from email address "
            + "problem issue working charge charged month credit name ok but up out how last "
            + "when were been some any also still then did don't going want said look into "
            + "refund cancel cancellation plan price router modem connection slow order "
            + "customer support technician appointment week day minutes hours system update "
            + "supervisor manager complaint speak transfer hold moment apologize sorry "
            + "understand unfortunately certainly absolutely perfect great wonderful "
            + "verify security password reset login app website online store delivery "
            + "package tracking shipped arrived damaged return exchange warranty "
            + "balance due late fee fees discount promotion offer contract upgrade downgrade "
            + "data usage limit unlimited coverage signal outage area network restart "
            + "unplug plug cable wifi wireless light lights blinking red green device "
            + "computer laptop television tv box remote channel channels package bundle "
            + "statement invoice autopay automatic bank debit visa mastercard expired "
            + "twice double overcharged mistake error wrong incorrect dispute "
            + "frustrated angry ridiculous unacceptable terrible waiting hour forever "
            + "happy resolved fixed appreciate helpful patience assistance "
            + "confirm confirmation reference ticket case escalate escalation follow "
            + "morning afternoon evening tomorrow monday friday weekend "
            + "first second third next previous new old current same different "
            + "address street city zip code postal apartment move moving "
            + "mobile line lines family add remove switch provider competitor "
            + "hello hi hey bye goodbye welcome name's speaking calling representative "
            + "really very much more less too little lot lots many few every "
            + "think thought feel sounds seems looks maybe probably actually "
            + "pay paid paying owe owed cost costs dollars cents amount total "
            + "send sent receive received text message voicemail notice letter "
            + "close closed open opened start started stop stopped end ended").split(" +"));

    /** What a call is about: its phrases, and how likely the customer is to be unhappy. */
    enum Topic {
        BILLING(0.3, "i was charged twice this month", "there is a charge i do not recognise",
                "can you explain this fee on my bill", "i would like a refund for the overcharge",
                "my payment did not go through"),
        CANCELLATION(0.5, "i want to cancel my account", "please cancel my subscription today",
                "i am switching to another provider", "what is the cancellation fee",
                "can you make me a better offer"),
        TECHNICAL(0.35, "my internet keeps dropping", "please restart your router",
                "the lights on the modem are blinking red", "the wifi is very slow in the evening",
                "i will send a technician tomorrow"),
        ACCOUNT(0.1, "i need to update my address", "can you verify your security question",
                "i forgot my password", "i would like to add a line to my plan",
                "your account number please"),
        COMPLAINT(0.8, "i want to speak to a supervisor", "this is completely unacceptable",
                "i have been waiting on hold for an hour", "i want to file a complaint",
                "nobody has fixed this problem for weeks");

        final double unhappiness;
        final List<String> phrases;

        Topic(double unhappiness, String... phrases) {
            this.unhappiness = unhappiness;
            this.phrases = List.of(phrases);
        }
    }

    static final List<String> GREETINGS = List.of("thank you for calling how can i help you today",
            "hello thanks for holding my name is alex how may i help",
            "good morning you are speaking with customer support");
    static final List<String> CLOSINGS = List.of("is there anything else i can help you with",
            "thank you for your patience have a great day", "your reference number is in the email");

    private static final double[] CUMULATIVE = zipf(WORDS.size());

    private Vocabulary() {
    }

    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int r = 1; r <= n; r++) {
            sum += 1.0 / r;
            cumulative[r - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** A word drawn with Zipf frequencies over {@link #WORDS}. */
    static String word(SplittableRandom random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = CUMULATIVE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (CUMULATIVE[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return WORDS.get(lo);
    }
}
