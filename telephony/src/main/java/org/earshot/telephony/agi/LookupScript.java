package org.earshot.telephony.agi;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://host:4573/lookup}: sets {@code CALLERID(name)} to the name the CRM knows for the caller's
 * number, so the agent's phone shows who calls (the classic CNAM use). Without a number, or when the CRM
 * does not answer in time or knows no one, the caller id is left as it was and the dialplan goes on.
 *
 * <pre>
 * same => n,AGI(agi://earshot:4573/lookup)
 * </pre>
 */
public final class LookupScript implements AgiScript {

    /** Asterisk's dialplan function for the caller's name; SET VARIABLE writes functions too. */
    static final String CALLER_NAME = "CALLERID(name)";

    private static final Logger log = LoggerFactory.getLogger(LookupScript.class);

    private final Function<String, Optional<String>> callerName;

    /**
     * @param callerName the name for a caller number, or empty; it runs on the AGI thread and the call waits
     *                   for it, so it must bound its own wait (Earshot's CRM lookup waits at most its 1 s timeout)
     */
    public LookupScript(Function<String, Optional<String>> callerName) {
        this.callerName = Objects.requireNonNull(callerName, "callerName");
    }

    @Override
    public void run(AgiChannel channel) throws IOException {
        AgiRequest call = channel.request();
        String number = call.callerId();
        if (number == null) {
            log.debug("lookup for call {}: no caller number to look up", call.uniqueId());
            return;
        }
        Optional<String> name;
        try {
            name = callerName.apply(number).filter(n -> !n.isBlank());
        } catch (RuntimeException e) {
            // The caller must still reach the queue: a lookup that fails leaves the caller id alone.
            log.warn("lookup for call {}: looking up the caller failed, continuing without a name", call.uniqueId(), e);
            return;
        }
        if (name.isPresent()) {
            channel.setVariable(CALLER_NAME, name.get());
        }
    }
}
