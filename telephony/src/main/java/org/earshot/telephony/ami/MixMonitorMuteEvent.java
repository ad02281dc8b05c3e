package org.earshot.telephony.ami;

import org.asteriskjava.manager.event.ManagerEvent;

/**
 * AMI {@code MixMonitorMute} (Asterisk 14+), for which Asterisk-Java 3.41 has no class, so its event builder
 * would drop it: registered by {@link AmiConnector}. Only the fields the call tracker reads; Asterisk also sends
 * the channel's state, caller id and dialplan position. Public only because the library instantiates it.
 */
public final class MixMonitorMuteEvent extends ManagerEvent {

    private static final long serialVersionUID = 1L;

    private String channel;
    private String uniqueId;
    private String linkedId;
    private String direction;
    private String state;

    public MixMonitorMuteEvent(Object source) {
        super(source);
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getUniqueId() {
        return uniqueId;
    }

    public void setUniqueId(String uniqueId) {
        this.uniqueId = uniqueId;
    }

    public String getLinkedId() {
        return linkedId;
    }

    public void setLinkedId(String linkedId) {
        this.linkedId = linkedId;
    }

    /** {@code read}, {@code write} or {@code both}. */
    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = direction;
    }

    /** {@code 1} muted, {@code 0} recording again. */
    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }
}
