package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.Prerequisites;
import org.earshot.speech.Prerequisites.Need;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.redact.GeneratedCardCalls.Label;
import org.junit.jupiter.api.Test;

/**
 * Calls written after the redaction rules were, never tuned on (make-card-calls.sh held-out: other
 * voices, an Amex in 4-6-5 groups, "c v c", the code asked before the card, a card read with no cue at
 * all, "zip code" and "promo code"). The figures are printed for the README; the floor catches a rule
 * change that loses recall or precision on speech it was not written for.
 */
class CardRedactionHeldOutIT {

    static final Path CALLS = Path.of("target/card-calls-held-out");
    static final List<String> NAMES = List.of("amex", "visa-debit", "readback2", "harmless2", "code-first", "no-cue",
            "slow-pairs", "harmless3");

    @Test
    void mostSpokenCardDataOfCallsNotTunedOnIsRedactedAndMostHarmlessNumbersAreKept() throws Exception {
        Prerequisites.require(Need.SOX, Need.ESPEAK_NG);
        GeneratedCardCalls.generate("held-out", CALLS);
        int cardData = 0;
        int covered = 0;
        int harmless = 0;
        int kept = 0;
        List<String> missed = new ArrayList<>();
        try (CallAnalyzer analyzer = new CallAnalyzer(
                new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 2))) {
            for (String name : NAMES) {
                AnalysisReport report = analyzer.analyze(CALLS.resolve(name + ".wav"));
                for (Label l : GeneratedCardCalls.labels(CALLS, name)) {
                    if (GeneratedCardCalls.SPOKEN_CARD_DATA.contains(l.kind())) {
                        cardData++;
                        boolean redacted = GeneratedCardCalls.covered(report.redactions(), l);
                        covered += redacted ? 1 : 0;
                        if (!redacted) {
                            missed.add(name + ": " + l.kind() + " " + l.text());
                        }
                    } else if (l.kind().equals("harmless")) {
                        harmless++;
                        kept += GeneratedCardCalls.touched(report.redactions(), l) ? 0 : 1;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "PCI redaction, held-out calls: spoken card data %d of %d redacted, "
                + "harmless numbers %d of %d kept; missed: %s%n", covered, cardData, kept, harmless, missed);
        assertThat(cardData).isEqualTo(13);
        assertThat(harmless).isEqualTo(12);
        // measured 11 of 13 and 11 of 12 (2026-12-05); one utterance of margin each for another machine's floats
        assertThat(covered).isGreaterThanOrEqualTo(10);
        assertThat(kept).isGreaterThanOrEqualTo(10);
    }
}
