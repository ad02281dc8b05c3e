package org.earshot.telephony.agi;

import java.io.IOException;

/**
 * One FastAGI script, chosen by the path of the AGI URL ({@code agi://host:4573/survey?x=y} runs "survey").
 * Runs on an AGI worker thread, one call at a time per invocation; implementations must be thread-safe
 * because concurrent calls run the same instance.
 */
@FunctionalInterface
public interface AgiScript {

    /**
     * Talks to one call. Throwing {@link AgiHangupException} (the caller is gone) is a normal end; the
     * server closes the connection after return, and the dialplan continues at the next priority.
     */
    void run(AgiChannel channel) throws IOException;
}
