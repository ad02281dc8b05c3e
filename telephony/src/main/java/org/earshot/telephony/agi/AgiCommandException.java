package org.earshot.telephony.agi;

/** Asterisk rejected a command: {@code 510} (unknown command) or {@code 520} (usage), or an unexpected reply. */
public final class AgiCommandException extends AgiException {
    private final int status;

    public AgiCommandException(String command, int status, String reply) {
        super("Asterisk answered " + status + " to '" + command + "': " + reply);
        this.status = status;
    }

    /** The status code Asterisk sent (510, 520, ...). */
    public int status() {
        return status;
    }
}
