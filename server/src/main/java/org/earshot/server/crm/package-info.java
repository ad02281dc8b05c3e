/** The CRM caller lookup and screen-pop: who calls, by their number, from the CRM's HTTP API, shown on the live wall and stored with the call. */
package org.earshot.server.crm;
