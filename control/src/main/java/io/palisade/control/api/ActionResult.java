package io.palisade.control.api;

/**
 * The answer to an action ({@code POST /v1/upgrade}, {@code /v1/relays}, {@code /v1/nodes/NAME/restart},
 * {@code /v1/shutdown}): accepted (HTTP 202) or refused by a guard rail (HTTP 409), with a message for people.
 *
 * @param accepted whether the action was accepted
 * @param message what will happen, or why not
 * @param node the node concerned (the new relay's name for a relay add), or null
 */
public record ActionResult(boolean accepted, String message, String node) {}
