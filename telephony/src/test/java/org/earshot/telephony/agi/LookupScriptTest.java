package org.earshot.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.earshot.telephony.AgiServer;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lookup script: the CRM's name for the caller's number goes into CALLERID(name), nothing else is sent. */
class LookupScriptTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private AgiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(Function<String, Optional<String>> names) {
        server = AgiServer.withEarshotScripts(Agi.settings(ZoneId.of("UTC")), List::of, answers -> { }, call -> { },
                number -> {
                    asked.add(number);
                    return names.apply(number);
                }, Clock.systemUTC());
        return server.start();
    }

    @Test
    void knownCallerGetsTheCrmNameAsCallerIdName() throws Exception {
        int port = start(number -> number.equals("5550108") ? Optional.of("Ada Lovelace") : Optional.empty());

        FakeAsterisk.Session call = FakeAsterisk.call("lookup").dial(port);

        // The capture's caller is 5550108 ("Customer 5550108"); quoted as Asterisk's AGI parser reads it.
        assertThat(asked).containsExactly("5550108");
        assertThat(call.commands()).containsExactly("SET VARIABLE CALLERID(name) \"Ada Lovelace\"");
        assertThat(call.variables()).containsEntry("CALLERID(name)", "Ada Lovelace");
    }

    @Test
    void nameWithQuotesIsEscapedIntoOneArgument() throws Exception {
        int port = start(number -> Optional.of("Ada \"The Countess\" Lovelace"));

        FakeAsterisk.Session call = FakeAsterisk.call("lookup").dial(port);

        assertThat(call.commands()).containsExactly("SET VARIABLE CALLERID(name) \"Ada \\\"The Countess\\\" Lovelace\"");
        assertThat(call.variables()).containsEntry("CALLERID(name)", "Ada \"The Countess\" Lovelace");
    }

    @Test
    void unknownCallerLeavesTheCallerIdAlone() throws Exception {
        int port = start(number -> Optional.empty());

        FakeAsterisk.Session call = FakeAsterisk.call("lookup").dial(port);

        assertThat(asked).containsExactly("5550108");
        assertThat(call.commands()).isEmpty();
    }

    @Test
    void failingLookupLeavesTheCallerIdAloneAndTheCallGoesOn() throws Exception {
        int port = start(number -> {
            throw new IllegalStateException("CRM unreachable");
        });

        FakeAsterisk.Session call = FakeAsterisk.call("lookup").dial(port);

        assertThat(call.commands()).isEmpty();
    }

    @Test
    void withheldNumberIsNotLookedUp() throws Exception {
        int port = start(number -> Optional.of("Somebody"));

        FakeAsterisk.Session call = FakeAsterisk.call("lookup").env("agi_callerid", "unknown").dial(port);

        assertThat(asked).isEmpty();
        assertThat(call.commands()).isEmpty();
    }

    @Test
    void serverWithoutCallerNamesStillAnswersLookupWithoutTouchingTheCall() throws Exception {
        server = AgiServer.withEarshotScripts(Agi.settings(ZoneId.of("UTC")), List::of, answers -> { }, call -> { },
                Clock.systemUTC());
        int port = server.start();

        FakeAsterisk.Session call = FakeAsterisk.call("lookup").dial(port);

        assertThat(call.commands()).isEmpty();
        assertThat(call.variables()).doesNotContainKey("EARSHOT_AGI_ERROR");
    }
}
