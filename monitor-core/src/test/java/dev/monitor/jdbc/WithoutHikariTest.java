package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** HikariCP is optional: core must work when it is not on the class path at all. */
class WithoutHikariTest {

    @Test
    void monitoredDataSourceWorksWithoutHikariOnTheClassPath() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("HikariCP")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        assertThat(urls).hasSizeGreaterThan(3);
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("com.zaxxer.hikari.HikariDataSource", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> scenario = Class.forName(NoHikariScenario.class.getName(), true, loader);
            assertThat(scenario.getClassLoader()).isSameAs(loader);
            @SuppressWarnings("unchecked")
            Callable<String> run = (Callable<String>) scenario.getConstructor().newInstance();
            assertThat(run.call()).isEqualTo("value=42 sleepReportedSlow=true pool=null dialect=H2");
        }
    }
}
