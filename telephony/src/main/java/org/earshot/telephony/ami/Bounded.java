package org.earshot.telephony.ami;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Insertion-ordered maps and sets that forget their oldest entry beyond a bound. */
final class Bounded {

    private static final Logger LOG = LoggerFactory.getLogger(Bounded.class);

    private Bounded() {
    }

    /**
     * Channels or calls being followed. Calls whose Hangup was lost (e.g. during an AMI reconnect) would
     * otherwise stay forever; forgetting one is logged, since it should not happen.
     */
    static <V> Map<String, V> tracked(String what, int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                boolean full = size() > max;
                if (full) {
                    LOG.warn("Forgetting {} {}: more than {} tracked (a Hangup was probably missed)",
                            what, eldest.getKey(), max);
                }
                return full;
            }
        };
    }

    /** The last {@code max} ids added, e.g. calls handed on recently; forgetting older ones is expected. */
    static Set<String> recent(int max) {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > max;
            }
        });
    }
}
