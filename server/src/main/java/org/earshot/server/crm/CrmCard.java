package org.earshot.server.crm;

/**
 * What the live wall and the call page show of a caller the CRM knows.
 *
 * @param crmId the record's id
 * @param name  the caller's name, or null
 * @param url   the record's page in the CRM ({@code crm.record-url}), or null
 */
public record CrmCard(String crmId, String name, String url) {
}
