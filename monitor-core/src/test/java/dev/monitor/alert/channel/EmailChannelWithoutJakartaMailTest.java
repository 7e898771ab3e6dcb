package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Mail and Angus Mail are optional: with them hidden from the class path, the core and every
 * other channel work, and building an e-mail channel fails with a message saying what to add.
 */
class EmailChannelWithoutJakartaMailTest {

    /** Loads the project's classes itself (child first) and refuses Jakarta Mail's. */
    private static final class WithoutMail extends URLClassLoader {
        WithoutMail(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.mail.") || name.startsWith("org.eclipse.angus.mail.")) {
                throw new ClassNotFoundException(name + " is hidden for this test");
            }
            return super.loadClass(name, resolve);
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(new URL[0]);
    }

    @Test
    void buildingAnEmailChannelFailsClearlyAndEverythingElseWorks() throws Exception {
        try (WithoutMail loader = new WithoutMail(classPath())) {
            Class<?> email = loader.loadClass("dev.monitor.alert.channel.EmailChannel");
            assertThat(email.getClassLoader()).isSameAs(loader);
            assertThat((Boolean) email.getMethod("isAvailable").invoke(null)).isFalse();

            Object builder = email.getMethod("builder").invoke(null);
            builder.getClass().getMethod("server", String.class, int.class).invoke(builder, "127.0.0.1", 25);
            builder.getClass().getMethod("from", String.class).invoke(builder, "alerts@example.com");
            builder.getClass().getMethod("to", String[].class).invoke(builder, (Object) new String[] {"ops@example.com"});
            Method build = builder.getClass().getMethod("build");
            Throwable failure = null;
            try {
                build.invoke(builder);
            } catch (InvocationTargetException e) {
                failure = e.getCause();
            }
            assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("the e-mail alert channel needs Jakarta "
                    + "Mail on the classpath: add the dependencies jakarta.mail:jakarta.mail-api and org.eclipse.angus:angus-mail");

            // the dispatcher with another channel starts, fires and closes without Jakarta Mail
            Class<?> logChannel = loader.loadClass("dev.monitor.alert.channel.LogChannel");
            Class<?> channelType = loader.loadClass("dev.monitor.alert.channel.AlertChannel");
            Class<?> dispatcherType = loader.loadClass("dev.monitor.alert.AlertDispatcher");
            Object dispatcherBuilder = dispatcherType.getMethod("builder").invoke(null);
            dispatcherBuilder.getClass().getMethod("channel", channelType).invoke(dispatcherBuilder,
                    logChannel.getMethod("create").invoke(null));
            Object dispatcher = dispatcherBuilder.getClass().getMethod("build").invoke(dispatcherBuilder);
            Class<?> alertType = loader.loadClass("dev.monitor.alert.Alert");
            Object alertBuilder = alertType.getMethod("builder", String.class).invoke(null, "NoMailNeeded");
            Object alert = alertBuilder.getClass().getMethod("build").invoke(alertBuilder);
            dispatcherType.getMethod("fire", alertType).invoke(dispatcher, alert);
            dispatcherType.getMethod("close").invoke(dispatcher);
            Object stats = dispatcherType.getMethod("stats").invoke(dispatcher);
            assertThat((Long) stats.getClass().getMethod("fired").invoke(stats)).isEqualTo(1L);
        }
    }
}
