package dev.monitor.spring.uptime;

import dev.monitor.uptime.UptimeMonitor;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Adds the uptime targets that check this application once it is ready (an http target or a scenario step whose URL
 * is a path, a tcp target without a host): they check this application on its own
 * port ({@code local.server.port}, which Spring Boot sets when the web server has started), on {@code server.address}
 * when it names one address (else 127.0.0.1), below {@code server.servlet.context-path}, with https when
 * {@code server.ssl} is configured. Events of other contexts (a child management context) are ignored.
 */
final class SelfUptimeTargets implements SmartApplicationListener, ApplicationContextAware {

    private final List<MonitorUptimeProperties.Target> targets;
    private final ObjectProvider<UptimeMonitor> monitor;
    private @Nullable ApplicationContext context;

    SelfUptimeTargets(List<MonitorUptimeProperties.Target> targets, ObjectProvider<UptimeMonitor> monitor) {
        this.targets = List.copyOf(targets);
        this.monitor = monitor;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationReadyEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (targets.isEmpty() || !(event instanceof ApplicationReadyEvent ready) || ready.getApplicationContext() != context) {
            return;
        }
        UptimeMonitor uptime = monitor.getIfUnique();
        if (uptime == null) {
            return;
        }
        String base = baseUrl(ready.getApplicationContext().getEnvironment());
        for (MonitorUptimeProperties.Target target : targets) {
            uptime.add(target.toTarget(base));
        }
    }

    /** {@code http://127.0.0.1:PORT/context-path}, from the running web server's port. */
    static String baseUrl(Environment environment) {
        String port = environment.getProperty("local.server.port");
        if (port == null || port.isBlank()) {
            throw new IllegalStateException("monitor.uptime.targets has a target whose url is a path, which checks this "
                    + "application on its own port, but the application has no web server (local.server.port is not "
                    + "set); give that target an absolute URL");
        }
        String address = environment.getProperty("server.address", "").strip();
        String host = address.isEmpty() || address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")
                ? "127.0.0.1" : address;
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        boolean ssl = !"false".equalsIgnoreCase(environment.getProperty("server.ssl.enabled", "").strip())
                && (environment.containsProperty("server.ssl.bundle") || environment.containsProperty("server.ssl.key-store"));
        String contextPath = environment.getProperty("server.servlet.context-path", "").strip();
        if (contextPath.endsWith("/")) {
            contextPath = contextPath.substring(0, contextPath.length() - 1);
        }
        return (ssl ? "https" : "http") + "://" + host + ":" + port.strip() + contextPath;
    }
}
