/** Users, roles, password hashing and login sessions. */
package org.earshot.server.auth;
