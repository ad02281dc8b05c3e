package org.earshot.server.crm;

import java.util.Optional;

/** The CRM card of a caller number, when one is known already; never waits. */
@FunctionalInterface
public interface CallerCards {

    /** Nobody is known: a node without a CRM. */
    CallerCards NONE = caller -> Optional.empty();

    Optional<CrmCard> card(String caller);
}
