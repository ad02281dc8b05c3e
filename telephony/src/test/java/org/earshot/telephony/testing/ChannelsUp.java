package org.earshot.telephony.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Asterisk would answer {@code CoreShowChannels} with at a point of a capture: one {@code CoreShowChannel}
 * item per channel created and not yet hung up by then, shaped as the capture's own items (ActionID added by the
 * peer), its fields taken from the channel's latest event and its application from its latest {@code Newexten}.
 * The raw capture carries no times, so {@code Duration} is only known for a capture with {@code Timestamp:}
 * headers ({@link TimedCapture}); else it is {@code 00:00:00}.
 */
public final class ChannelsUp {

    private static final List<String> SNAPSHOT = List.of("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum",
            "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
            "Priority", "Uniqueid", "Linkedid");

    private ChannelsUp() {
    }

    /** The items for the channels up after the first {@code count} events of {@code events}. */
    public static List<String> after(List<String> events, int count) {
        Map<String, Map<String, String>> up = new LinkedHashMap<>();
        Map<String, Double> created = new LinkedHashMap<>();
        double now = 0;
        for (String event : events.subList(0, count)) {
            Map<String, String> fields = fields(event);
            String type = fields.get("Event");
            String uniqueId = fields.get("Uniqueid");
            if (fields.containsKey("Timestamp")) {
                now = Double.parseDouble(fields.get("Timestamp"));
            }
            if (uniqueId == null) {
                continue;
            }
            if ("Newchannel".equals(type)) {
                up.put(uniqueId, new LinkedHashMap<>());
                created.put(uniqueId, now);
            } else if ("Hangup".equals(type)) {
                up.remove(uniqueId);
                continue;
            }
            Map<String, String> channel = up.get(uniqueId);
            if (channel == null || !fields.containsKey("Channel") || !uniqueId.equals(fields.get("Uniqueid"))) {
                continue;
            }
            for (String name : SNAPSHOT) {
                if (fields.containsKey(name)) {
                    channel.put(name, fields.get(name));
                }
            }
            if ("Newexten".equals(type)) {
                channel.put("Application", fields.getOrDefault("Application", ""));
                channel.put("ApplicationData", fields.getOrDefault("AppData", ""));
            }
        }
        List<String> items = new ArrayList<>();
        for (var entry : up.entrySet()) {
            StringBuilder item = new StringBuilder("Event: CoreShowChannel");
            for (String name : SNAPSHOT) {
                item.append("\r\n").append(name).append(": ").append(entry.getValue().getOrDefault(name, ""));
            }
            long seconds = Math.max(0, Math.round(now - created.get(entry.getKey())));
            item.append("\r\nApplication: ").append(entry.getValue().getOrDefault("Application", ""))
                    .append("\r\nApplicationData: ").append(entry.getValue().getOrDefault("ApplicationData", ""))
                    .append(String.format("\r\nDuration: %02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
            items.add(item.toString());
        }
        return items;
    }

    private static Map<String, String> fields(String event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : event.split("\r\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            } else if (line.endsWith(":")) {
                fields.putIfAbsent(line.substring(0, line.length() - 1), "");
            }
        }
        return fields;
    }
}
