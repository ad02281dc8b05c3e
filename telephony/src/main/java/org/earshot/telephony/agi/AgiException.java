package org.earshot.telephony.agi;

import java.io.IOException;

/** A FastAGI command did not get the reply it needed; the message names the command. */
public class AgiException extends IOException {
    public AgiException(String message) {
        super(message);
    }

    public AgiException(String message, Throwable cause) {
        super(message, cause);
    }
}
