package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.earshot.server.auth.Role;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router()
            .open("GET", "/api/health", r -> null)
            .allow("GET", "/api/calls", Set.of(Role.SUPERVISOR), r -> null)
            .allow("GET", "/api/calls/{id}", Set.of(Role.SUPERVISOR), r -> null);

    @Test
    void pathParameterIsTakenFromItsSegment() {
        Router.Match match = router.match("GET", "/api/calls/earshot-lab-1795393091.5");

        assertThat(match.pathParams()).containsEntry("id", "earshot-lab-1795393091.5");
        assertThat(match.route().isPublic()).isFalse();
    }

    @Test
    void encodedSlashStaysInsideItsPathParameter() {
        Router.Match match = router.match("GET", "/api/calls/SIP%2Falice+1");

        assertThat(match.pathParams()).containsEntry("id", "SIP/alice+1");
    }

    @Test
    void unknownPathHasNoRoute() {
        assertThat(router.match("GET", "/api/nothing")).isNull();
        assertThat(router.match("GET", "/api/calls/x/y")).isNull();
    }

    @Test
    void knownPathWithAnotherMethodIsA405() {
        assertThatThrownBy(() -> router.match("DELETE", "/api/calls"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("DELETE");
    }

    @Test
    void protectedRouteNeedsARole() {
        assertThatThrownBy(() -> new Router().allow("GET", "/x", Set.of(), r -> null))
                .hasMessageContaining("at least one role");
    }
}
