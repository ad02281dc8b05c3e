package org.earshot.telephony.ami;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The events one open call has applied, in order, so that the same events sent again are recognised and
 * skipped. After a reconnect Asterisk (or a proxy in front of it) may re-send what the bridge already had;
 * without {@code timestampevents} such a copy differs from the first only in its receipt time, so an event
 * is compared by what it says (type and every field but the instant).
 *
 * <p>A re-sent stream repeats a call's events in their first order: after a drop (or when the call's first
 * event comes again) each event that is the next one of the history is a repeat; the first that is not is new,
 * and so is everything after it. A new event that happens to equal an old one (a second hold of the same
 * channel) is therefore applied, unless it comes right where a re-sent history would be.
 */
final class Applied {

    /** A call with more events than this (hours of holds) stops being remembered; the rest is applied as it comes. */
    static final int MAX_HISTORY = 2_000;

    private final List<List<Object>> history = new ArrayList<>();
    /** Index of the next history event a re-sent stream would bring; -1 when not matching one. */
    private int cursor = -1;
    /** A new event came since the last {@link #rewind()}: the call showed a sign of life after the drop. */
    private boolean heard = true;

    /** The call's first event, applied when it was opened. */
    Applied(CallEvent first) {
        history.add(key(first));
    }

    /** An event applied before the call was opened (a MixMonitor file name set before the join), in order. */
    void before(List<CallEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            history.add(0, key(events.get(i)));
        }
    }

    /** The link dropped: the next events may be this call's history sent again from its start. */
    void rewind() {
        cursor = 0;
        heard = false;
    }

    /** Whether a new (not repeated) event came since the last {@link #rewind()}. */
    boolean heard() {
        return heard;
    }

    /** True when {@code event} repeats one already applied (skip it); else it is remembered as applied. */
    boolean repeat(CallEvent event) {
        List<Object> key = key(event);
        if (cursor < 0 && history.get(0).equals(key)) {
            cursor = 0; // the call's first event again: its history is being re-sent
        }
        if (cursor >= 0) {
            if (cursor < history.size() && history.get(cursor).equals(key)) {
                cursor++;
                return true;
            }
            cursor = -1;
        }
        if (history.size() < MAX_HISTORY) {
            history.add(key);
        }
        heard = true;
        return false;
    }

    /** The event's type and fields without its instant, which is only the receipt time for most Asterisks. */
    static List<Object> key(CallEvent event) {
        Method[] fields = FIELDS.get(event.getClass());
        List<Object> key = new ArrayList<>(fields.length + 1);
        key.add(event.getClass());
        for (Method field : fields) {
            try {
                key.add(field.invoke(event));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + field.getName() + " of " + event, e);
            }
        }
        return key;
    }

    /** Each CallEvent record's accessors but {@code at()}, looked up once per type (a busy PBX sends thousands a second). */
    private static final ClassValue<Method[]> FIELDS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            List<Method> fields = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (!"at".equals(component.getName())) {
                    fields.add(component.getAccessor());
                }
            }
            return fields.toArray(Method[]::new);
        }
    };
}
