/** Where a node's log lines go besides stderr: a rolling file under {@code log-dir}, as text or JSON lines. */
package org.earshot.server.logs;
