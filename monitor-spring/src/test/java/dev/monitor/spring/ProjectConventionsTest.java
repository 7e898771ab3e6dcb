package dev.monitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's structural rules from DESIGN.md and STYLE.md, checked over every module's main
 * sources. Lives in monitor-spring because it is built after every module it reads.
 */
class ProjectConventionsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("monitor-core", "monitor-servlet", "monitor-sentry",
            "monitor-spring");
    private static final Pattern TOP_LEVEL_PUBLIC_TYPE = Pattern.compile(
            "(?m)^public (?:final |abstract |sealed |non-sealed )*(?:class|interface|record|enum|@interface) (\\w+)");

    private static List<Path> mainSources(String module) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theModulesAreWhereThisTestExpectsThem() {
        for (String module : MODULES) {
            assertThat(mainSources(module)).as(module).isNotEmpty();
        }
    }

    @Test
    void noTwoPublicTypesShareASimpleName() {
        Map<String, List<String>> byName = new TreeMap<>();
        for (String module : MODULES) {
            for (Path file : mainSources(module)) {
                Matcher type = TOP_LEVEL_PUBLIC_TYPE.matcher(read(file));
                if (type.find()) {
                    byName.computeIfAbsent(type.group(1), name -> new ArrayList<>()).add(ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(byName).isNotEmpty();
        assertThat(byName.entrySet().stream().filter(entry -> entry.getValue().size() > 1).toList()).isEmpty();
    }

    @Test
    void everyPackageHasANullMarkedPackageInfo() {
        List<String> missing = new ArrayList<>();
        for (String module : MODULES) {
            mainSources(module).stream().map(Path::getParent).distinct().forEach(directory -> {
                Path info = directory.resolve("package-info.java");
                if (!Files.exists(info) || !read(info).contains("@NullMarked")) {
                    missing.add(ROOT.relativize(directory).toString());
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void coreNeverImportsServletSpringOrSentryTypes() {
        List<String> offenders = new ArrayList<>();
        for (Path file : mainSources("monitor-core")) {
            String source = read(file);
            if (source.contains("import jakarta.servlet") || source.contains("import org.springframework")
                    || source.contains("import io.sentry")) {
                offenders.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(offenders).isEmpty();
    }
}
