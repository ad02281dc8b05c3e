/** Saved searches that alert: users keep searches, and each newly analysed call is tested against the watched ones. */
package org.earshot.server.searches;
