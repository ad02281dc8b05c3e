package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A named list of weighted criteria; reviews are scored against the lowest-numbered active one unless chosen. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Scorecard(long id, String name, boolean active, List<Criterion> criteria) {

    public Scorecard {
        criteria = List.copyOf(criteria);
    }
}
