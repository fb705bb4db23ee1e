/** Admin console: two operators with MFA, seven-day delay on destructive actions, tamper-evident audit log, container shells. */
package io.palisade.console;
