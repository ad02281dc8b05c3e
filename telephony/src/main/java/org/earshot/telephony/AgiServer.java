package org.earshot.telephony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.earshot.telephony.agi.AgiEndpoint;
import org.earshot.telephony.agi.AgiScript;
import org.earshot.telephony.agi.HoursScript;
import org.earshot.telephony.agi.LookupScript;
import org.earshot.telephony.agi.RouteScript;
import org.earshot.telephony.agi.SurveyScript;

/**
 * Earshot's FastAGI server: Asterisk's {@code AGI(agi://earshot:4573/<script>?...)} connects here, one
 * connection per call, and the URL path picks the script — {@code survey} (post-call CSAT / NPS / CES),
 * {@code route} (SPEC assignment rules), {@code hours} (working hours, after-hours calls) and {@code lookup}
 * (the caller's name from the CRM into {@code CALLERID(name)}).
 *
 * <pre>{@code
 * var agi = AgiServer.withEarshotScripts(AgiSettings.fromConfig(config), bridge.agentBoard()::snapshot,
 *         store::saveSurvey, store::save, Clock.systemUTC());
 * int port = agi.start();
 * ...
 * agi.close();
 * }</pre>
 */
public final class AgiServer implements AutoCloseable {

    private final AgiSettings settings;
    private final AgiEndpoint endpoint;

    /** A server with the given scripts, by URL path ({@code "survey"} for {@code agi://host/survey?x=y}). */
    public AgiServer(AgiSettings settings, Map<String, AgiScript> scripts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoint = new AgiEndpoint(settings.bindAddress(), settings.port(), settings.threads(),
                settings.commandTimeout(), Objects.requireNonNull(scripts, "scripts"));
    }

    /**
     * The server with Earshot's three scripts.
     *
     * @param agents  live agents for {@code route}, e.g. {@code bridge.agentBoard()::snapshot}; {@code List::of}
     *                when AMI is off (then every routed call falls back to the queue)
     * @param surveys receives survey answers, on the AGI thread
     * @param calls   receives after-hours calls as {@link CallRecord}s (outcome AFTER_HOURS), on the AGI
     *                thread — the same sink the AMI bridge feeds
     * @param clock   "now" for working hours, the agents' "today" and record times (zone from {@code time-zone}
     *                per queue, not the clock's)
     */
    public static AgiServer withEarshotScripts(AgiSettings settings, Supplier<List<AgentState>> agents,
                                               SurveySink surveys, Consumer<CallRecord> calls, Clock clock) {
        return withEarshotScripts(settings, agents, surveys, calls, number -> Optional.empty(), clock);
    }

    /**
     * As {@link #withEarshotScripts(AgiSettings, Supplier, SurveySink, Consumer, Clock)}, with the caller names
     * the {@code lookup} script sets.
     *
     * @param callerName the name for a caller number, or empty, on the AGI thread; it must bound its own wait
     */
    public static AgiServer withEarshotScripts(AgiSettings settings, Supplier<List<AgentState>> agents,
                                               SurveySink surveys, Consumer<CallRecord> calls,
                                               Function<String, Optional<String>> callerName, Clock clock) {
        return new AgiServer(settings, Map.of(
                "survey", new SurveyScript(settings.survey(), surveys, clock),
                "route", new RouteScript(settings, agents, clock),
                "hours", new HoursScript(settings, calls, clock),
                "lookup", new LookupScript(callerName)));
    }

    /**
     * Binds and starts accepting; returns the bound port (the configured one, or a free one for 0).
     *
     * @throws UncheckedIOException naming agi-port when the port cannot be bound
     */
    public int start() {
        try {
            return endpoint.start();
        } catch (IOException e) {
            throw new UncheckedIOException("agi-port " + settings.port() + " on " + settings.bindAddress()
                    + ": cannot listen (" + e.getMessage() + ")", e);
        }
    }

    /** Stops accepting, gives running calls a few seconds, then closes their connections. */
    @Override
    public void close() {
        endpoint.close();
    }
}
