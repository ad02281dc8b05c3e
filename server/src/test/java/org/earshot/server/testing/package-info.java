/** Test support shared by the server's tests: what a test needs from outside Maven. */
package org.earshot.server.testing;
