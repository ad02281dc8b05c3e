/**
 * The composition root: {@link org.earshot.server.Earshot#wire} builds every object of a running
 * server from an {@link org.earshot.server.EarshotConfig}.
 */
package org.earshot.server;
