package org.earshot.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A reviewer's note on a call; {@code atSeconds} points into the recording, null when about the whole call. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Note(long id, Double atSeconds, String text, String author, Instant createdAt) {
}
