package dev.baton.routing;

import java.time.Instant;

/**
 * The deployment serving a model group for a session changed.
 *
 * @param session the session (Claude Code's session id, else the one in `metadata.user_id`, else the key)
 * @param group   the model group
 * @param from    the deployment that served before (or the group's first deployment for a session's first request)
 * @param to      the deployment that serves now
 * @param toModel the upstream model now serving, for tags such as `model-<name>-<time>`
 * @param reason  why: the failure that moved the request on, a cooldown, or a recovery
 * @param time    when
 */
public record SwitchEvent(String session, String group, String from, String to, String toModel, String reason, Instant time) {
}
