package dev.baton.server;

import dev.baton.provider.CallerContext;
import dev.baton.store.VirtualKey;

/**
 * Who is calling, after authentication.
 *
 * @param context               what may go to upstreams (headers, and credentials meant for the upstream)
 * @param identity              a fingerprint of the key the caller identified with, or null (open gateway)
 * @param credentialFingerprint a fingerprint of the credentials in {@code context}, or null when there are none
 * @param key                   the virtual key the caller presented, or null (master key, open gateway)
 * @param admin                 the caller presented the master key
 */
record Caller(CallerContext context, String identity, String credentialFingerprint, VirtualKey key, boolean admin) {
}
