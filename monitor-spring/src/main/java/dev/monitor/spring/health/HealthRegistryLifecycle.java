package dev.monitor.spring.health;

import dev.monitor.health.HealthRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Tells the registry about the application's life: {@link HealthRegistry#markStarted()} on
 * {@link ApplicationReadyEvent} (the {@code startup} group stops failing) and
 * {@link HealthRegistry#markShuttingDown()} on {@link ContextClosedEvent} (the {@code ready} group fails so that
 * traffic drains during a graceful shutdown). Events of other contexts (a child management context) are ignored.
 */
final class HealthRegistryLifecycle implements SmartApplicationListener, ApplicationContextAware {

    private final ObjectProvider<HealthRegistry> registry;
    private @Nullable ApplicationContext context;

    HealthRegistryLifecycle(ObjectProvider<HealthRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationReadyEvent.class.isAssignableFrom(eventType) || ContextClosedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == context) {
            registry.ifUnique(HealthRegistry::markStarted);
        } else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
            registry.ifUnique(HealthRegistry::markShuttingDown);
        }
    }
}
