package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.earshot.speech.AnalysisHints.PartySpan;
import org.earshot.speech.Party;
import org.junit.jupiter.api.Test;

class KeypadHintsTest {

    @Test
    void keyPressesAtMostThreeSecondsApartAreOneRunPerParty() {
        List<PartySpan> presses = List.of(new PartySpan(Party.CUSTOMER, 4.0, 4.1), new PartySpan(Party.CUSTOMER, 4.35, 4.45),
                new PartySpan(Party.AGENT, 4.2, 4.3), new PartySpan(Party.CUSTOMER, 9.0, 9.1));

        assertThat(KeypadHints.runs(presses, null, 60)).containsExactly(
                new Finding("customer", "keypad-digits", 4.0, 4.45),
                new Finding("agent", "keypad-digits", 4.2, 4.3),
                new Finding("customer", "keypad-digits", 9.0, 9.1));
    }

    @Test
    void onAMonoRecordingEveryRunIsTheMixedPartysAndSpansEndWithTheRecording() {
        List<PartySpan> presses = List.of(new PartySpan(Party.CUSTOMER, 4.0, 4.1), new PartySpan(Party.AGENT, 5.0, 12.0),
                new PartySpan(Party.AGENT, 20.0, 21.0));

        assertThat(KeypadHints.runs(presses, "mixed", 10)).containsExactly(new Finding("mixed", "keypad-digits", 4.0, 10.0));
    }

    @Test
    void tonesInTheAudioAndThePbxsEventsForTheSamePressesAreOneRedaction() {
        assertThat(KeypadHints.merge(List.of(new Finding("customer", "keypad-digits", 8.5, 14.7),
                new Finding("customer", "keypad-digits", 8.6, 14.8)))).containsExactly(
                new Finding("customer", "keypad-digits", 8.5, 14.8));
    }
}
