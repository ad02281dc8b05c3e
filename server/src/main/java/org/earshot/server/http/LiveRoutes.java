package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.earshot.server.live.AgentView;
import org.earshot.telephony.AgentBoard;

/** The live agent wall (GET /api/agents/live); changes are pushed on WebSocket /api/live. */
final class LiveRoutes {

    private final AgentBoard board;
    private final ObjectMapper json;

    LiveRoutes(AgentBoard board, ObjectMapper json) {
        this.board = board;
        this.json = json;
    }

    Response agents(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("agents", board.snapshot().stream().map(AgentView::of).toList())));
    }
}
