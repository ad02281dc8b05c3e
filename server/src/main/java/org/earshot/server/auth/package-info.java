/** Users, roles, password hashing, login sessions and API keys. */
package org.earshot.server.auth;
