package dev.monitor.alert.internal;

import dev.monitor.alert.Silence;

/**
 * A silence as listed by the dispatcher.
 *
 * @param id its id
 * @param silence the silence
 * @param startsAt when it starts (epoch millis)
 * @param endsAt when it ends (epoch millis)
 */
public record SilenceInfo(String id, Silence silence, long startsAt, long endsAt) {
}
