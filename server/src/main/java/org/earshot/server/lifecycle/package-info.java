/** Data lifecycle: erasure on request, retention purges and the legal hold that exempts a call. */
package org.earshot.server.lifecycle;
