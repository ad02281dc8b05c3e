package org.earshot.telephony;

/**
 * What AMI says about a call's recording while the call is up, for live analysis. Called on the
 * {@code earshot-ami-calls} thread: implementations return quickly (hand the work to a thread of their own).
 */
public interface RecordingListener {

    RecordingListener NONE = new RecordingListener() { };

    /**
     * MixMonitor started recording channel {@code uniqueId} into {@code file} (Asterisk's own path, from
     * {@code MIXMONITOR_FILENAME}; one call per MixMonitor, so a call may announce several files).
     */
    default void recordingStarted(String uniqueId, String file) { }

    /** Channel {@code uniqueId} hung up (MixMonitor sends no stop event; its files close now). */
    default void channelHungUp(String uniqueId) { }
}
