/** The server benchmarks: a whole node (the launcher's JVM, the store, the index, the HTTP API) in a child process. */
package org.earshot.bench.server;
