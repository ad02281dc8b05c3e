package org.earshot.server.crm;

/**
 * Who a caller is in the CRM, as its lookup answered.
 *
 * @param crmId the record's id, or null when the answer had none
 * @param name  the caller's name, or null when the answer had none
 */
public record CrmContact(String crmId, String name) {
}
