package org.earshot.telephony.agi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.QueueRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://host:4573/hours?queue=support}: sets {@code EARSHOT_AFTER_HOURS} to 1 outside the queue's
 * working hours (or on a holiday) and 0 inside. An after-hours call never joins the queue, so AMI's tracker
 * never sees it: this script reports it as a {@link CallRecord} with outcome {@code after-hours}. A queue with
 * no rules, or a URL without queue=, is open.
 */
public final class HoursScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(HoursScript.class);

    private final AgiSettings settings;
    private final Consumer<CallRecord> calls;
    private final Clock clock;

    public HoursScript(AgiSettings settings, Consumer<CallRecord> calls, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run(AgiChannel channel) throws IOException {
        AgiRequest call = channel.request();
        String queue = call.parameter("queue").orElse(null);
        if (queue == null) {
            log.warn("hours for call {}: the AGI URL has no queue= parameter, treating it as open", call.uniqueId());
        }
        Instant now = clock.instant();
        QueueRouting rules = queue == null ? null : settings.queue(queue);
        boolean open = rules == null || rules.isOpen(now);
        channel.setVariable("EARSHOT_AFTER_HOURS", open ? "0" : "1");
        if (open) {
            return;
        }
        log.info("Call {} to {} is after hours ({})", call.uniqueId(), queue, rules.hours());
        if (call.uniqueId() == null) {
            log.warn("After-hours call not recorded: Asterisk sent no agi_uniqueid");
            return;
        }
        calls.accept(CallRecord.builder(call.uniqueId(), now, now, CallOutcome.AFTER_HOURS)
                .linkedId(call.parameter("linkedid").orElse(call.uniqueId()))
                .caller(call.callerId()).callerName(call.callerIdName())
                .queue(queue).queues(List.of(queue)).dnis(call.extension()).waitSeconds(0)
                .build());
    }
}
