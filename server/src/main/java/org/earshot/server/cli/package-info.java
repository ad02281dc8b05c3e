/** The {@code earshot} command line: serve, analyze, reindex. */
package org.earshot.server.cli;
