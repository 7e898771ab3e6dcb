package dev.monitor.build;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes the forwarding bases of the JDBC wrappers of {@code dev.monitor.jdbc.internal}
 * ({@code ForwardingConnection}, {@code ForwardingStatement}, {@code ForwardingPreparedStatement},
 * {@code ForwardingCallableStatement}, {@code ForwardingResultSet}, {@code ForwardingDatabaseMetaData},
 * {@code ForwardingConnectionBuilder}): one override per method of the {@code java.sql} interface that
 * forwards the call to the driver's object, so that the hand-written {@code Monitored*} subclasses
 * keep only the methods that do something.
 *
 * <p>A single-file program, run by monitor-core's build in {@code generate-sources}:
 * {@code java GenerateJdbcForwarding.java <output directory> <release>}. It reads the interfaces
 * through javac's model of the platform API at {@code --release <release>} (the release the
 * project compiles for), not through reflection over the running JDK: a build on a newer JDK
 * generates exactly the methods the compiler will see, none it would reject as overriding nothing.
 *
 * <p>What is not plain forwarding is spelled out here, per interface: the class head (fields,
 * constructor, the hooks the {@code Monitored*} classes override) is a template, and
 * {@link #body} routes every execute path and the calls that hand out statements, result sets and
 * metadata through those hooks; the fluent setters of {@code ConnectionBuilder} answer with the
 * wrapper. An {@code execute…} method that fits no rule stops the build, so a new JDBC execute path
 * cannot go untimed. {@code unwrap}/{@code isWrapperFor} are hand-written once, in
 * {@code ForwardingWrapper}.
 *
 * <p>Output is deterministic (methods sorted by name and parameter types) and a file is only
 * rewritten when its text changes, so an unchanged build does not recompile the module.
 */
public final class GenerateJdbcForwarding {

    private static final String PACKAGE = "dev.monitor.jdbc.internal";
    private static final String GENERATOR = "monitor-core/src/build/java/dev/monitor/build/GenerateJdbcForwarding.java";

    /** How an interface's methods become one generated class. */
    private enum Kind {
        CONNECTION, STATEMENT, PREPARED, CALLABLE, RESULT_SET, META_DATA, CONNECTION_BUILDER
    }

    /**
     * One generated class.
     *
     * @param kind which rules of {@link #body} apply
     * @param className the generated class
     * @param iface the {@code java.sql} interface it implements
     * @param inherited whether it forwards the methods the interface inherits too (else only those it declares)
     * @param target the expression of the driver's object
     * @param imports what the template needs besides the types of the forwarded methods
     * @param template the class Javadoc, declaration and hooks; {@code %s} is where the Javadoc names the generator
     */
    private record Spec(Kind kind, String className, String iface, boolean inherited, String target,
            List<String> imports, String template) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec(Kind.CONNECTION, "ForwardingConnection", "java.sql.Connection", true, "delegate",
                    List.of("java.sql.CallableStatement", "java.sql.Connection", "java.sql.DatabaseMetaData",
                            "java.sql.PreparedStatement", "java.sql.Statement"),
                    """
                    /**
                     * A {@link Connection} that forwards every call to the driver's connection, so that a wrapper
                     * overrides only what it changes: every statement and the metadata it hands out pass through
                     * {@link #statement}, {@link #prepared}, {@link #callable} and {@link #metaData}, which
                     * {@link MonitoredConnection} overrides to wrap them.
                     *
                     %s
                     */
                    public abstract class ForwardingConnection extends ForwardingWrapper<Connection> implements Connection {

                        /** Forwards to {@code delegate}. */
                        protected ForwardingConnection(Connection delegate) {
                            super(delegate);
                        }

                        /** Every statement the connection creates passes through here; a subclass may wrap it. */
                        Statement statement(Statement statement) {
                            return statement;
                        }

                        /** Every prepared statement the connection creates passes through here, with its SQL; a subclass may wrap it. */
                        PreparedStatement prepared(PreparedStatement statement, String sql) {
                            return statement;
                        }

                        /** Every callable statement the connection creates passes through here, with its SQL; a subclass may wrap it. */
                        CallableStatement callable(CallableStatement statement, String sql) {
                            return statement;
                        }

                        /** The connection's metadata passes through here; a subclass may wrap it. */
                        DatabaseMetaData metaData(DatabaseMetaData metaData) {
                            return metaData;
                        }
                    """),
            new Spec(Kind.STATEMENT, "ForwardingStatement", "java.sql.Statement", true, "delegate",
                    List.of("java.sql.ResultSet", "java.sql.SQLException", "java.sql.Statement",
                            "org.jspecify.annotations.Nullable"),
                    """
                    /**
                     * A {@link Statement} that forwards every call to the driver's statement, so that a wrapper
                     * overrides only what it changes. Every {@code execute…(String sql, …)} call passes through
                     * {@link #forward} and every result set handed out through {@link #handOut}, so
                     * {@link MonitoredStatement} times them all and wraps what they return by overriding those two
                     * (and the batch methods).
                     *
                     %s
                     */
                    public abstract class ForwardingStatement extends ForwardingWrapper<Statement> implements Statement {

                        /** Forwards to {@code delegate}. */
                        protected ForwardingStatement(Statement delegate) {
                            super(delegate);
                        }

                        /**
                         * The one method through which every {@code execute…(String sql, …)} call reaches the driver's statement: makes
                         * {@code call} with the statement, {@code sql} and {@code argument}. A subclass overrides it to act around every
                         * execute path at once.
                         */
                        <A, R> R forward(@Nullable String sql, @Nullable A argument, JdbcCall<Statement, String, A, R> call)
                                throws SQLException {
                            return call.call(delegate, sql, argument);
                        }

                        /** Every result set the statement hands out passes through here; a subclass may wrap it. */
                        @Nullable ResultSet handOut(@Nullable ResultSet resultSet) {
                            return resultSet;
                        }
                    """),
            new Spec(Kind.PREPARED, "ForwardingPreparedStatement", "java.sql.PreparedStatement", false, "ps",
                    List.of("java.sql.PreparedStatement", "java.sql.SQLException", "java.sql.Statement"),
                    """
                    /**
                     * Forwards the methods {@link PreparedStatement} adds to {@link Statement} to the driver's
                     * prepared statement. It sits on {@link MonitoredStatement}, not on {@link ForwardingStatement}:
                     * Java gives a class one superclass, and a prepared statement keeps the timing of the
                     * {@code Statement} methods it inherits. Each layer of the chain
                     * {@code ForwardingStatement → MonitoredStatement → ForwardingPreparedStatement →
                     * MonitoredPreparedStatement → ForwardingCallableStatement → MonitoredCallableStatement} adds
                     * either the plain forwarding of one interface or the methods that do something. Every execute
                     * call of the prepared statement itself passes through {@link #forwardPrepared}, and the result
                     * set of {@code executeQuery()} through {@link #handOut}.
                     *
                     %s
                     */
                    public abstract class ForwardingPreparedStatement extends MonitoredStatement implements PreparedStatement {

                        final PreparedStatement ps;

                        ForwardingPreparedStatement(PreparedStatement delegate, MonitoredConnection connection) {
                            super(delegate, connection);
                            this.ps = delegate;
                        }

                        /**
                         * The one method through which every execute call of the prepared statement itself ({@code executeQuery()},
                         * {@code execute()}, …) reaches the driver; a subclass overrides it to act around all of them.
                         */
                        <R> R forwardPrepared(JdbcCall<PreparedStatement, String, Object, R> call) throws SQLException {
                            return call.call(ps, null, null);
                        }
                    """),
            new Spec(Kind.CALLABLE, "ForwardingCallableStatement", "java.sql.CallableStatement", false, "cs",
                    List.of("java.sql.CallableStatement"),
                    """
                    /**
                     * Forwards the methods {@link CallableStatement} adds to {@link java.sql.PreparedStatement} (out
                     * and named parameters) to the driver's callable statement; it sits on
                     * {@link MonitoredPreparedStatement} for the reason given in {@link ForwardingPreparedStatement}.
                     *
                     %s
                     */
                    public abstract class ForwardingCallableStatement extends MonitoredPreparedStatement implements CallableStatement {

                        final CallableStatement cs;

                        ForwardingCallableStatement(CallableStatement delegate, MonitoredConnection connection, String sql) {
                            super(delegate, connection, sql);
                            this.cs = delegate;
                        }
                    """),
            new Spec(Kind.RESULT_SET, "ForwardingResultSet", "java.sql.ResultSet", true, "delegate",
                    List.of("java.sql.ResultSet"),
                    """
                    /**
                     * A {@link ResultSet} that forwards every call to the driver's result set, so that a wrapper
                     * overrides only what it changes ({@link MonitoredResultSet} changes {@link #getStatement()}).
                     *
                     %s
                     */
                    public abstract class ForwardingResultSet extends ForwardingWrapper<ResultSet> implements ResultSet {

                        /** Forwards to {@code delegate}. */
                        protected ForwardingResultSet(ResultSet delegate) {
                            super(delegate);
                        }
                    """),
            new Spec(Kind.META_DATA, "ForwardingDatabaseMetaData", "java.sql.DatabaseMetaData", true, "delegate",
                    List.of("java.sql.DatabaseMetaData"),
                    """
                    /**
                     * {@link DatabaseMetaData} that forwards every call to the driver's, so that a wrapper overrides
                     * only what it changes ({@link MonitoredDatabaseMetaData} changes {@link #getConnection()}).
                     *
                     %s
                     */
                    public abstract class ForwardingDatabaseMetaData extends ForwardingWrapper<DatabaseMetaData>
                            implements DatabaseMetaData {

                        /** Forwards to {@code delegate}. */
                        protected ForwardingDatabaseMetaData(DatabaseMetaData delegate) {
                            super(delegate);
                        }
                    """),
            new Spec(Kind.CONNECTION_BUILDER, "ForwardingConnectionBuilder", "java.sql.ConnectionBuilder", true,
                    "delegate", List.of("java.sql.ConnectionBuilder"),
                    """
                    /**
                     * A {@link ConnectionBuilder} that forwards every call to the driver's builder and answers its
                     * fluent setters with itself, so that a wrapper overrides only what it changes
                     * ({@link MonitoredConnectionBuilder} times {@link #build()}).
                     *
                     %s
                     */
                    public abstract class ForwardingConnectionBuilder implements ConnectionBuilder {

                        /** The driver's builder every call is forwarded to. */
                        final ConnectionBuilder delegate;

                        /** Forwards to {@code delegate}. */
                        protected ForwardingConnectionBuilder(ConnectionBuilder delegate) {
                            this.delegate = delegate;
                        }
                    """));

    private final Elements elements;
    private final String release;

    private GenerateJdbcForwarding(Elements elements, String release) {
        this.elements = elements;
        this.release = release;
    }

    /** {@code args}: the output directory (the source root), then the Java release to read the API of. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java GenerateJdbcForwarding.java <output directory> <release>");
        }
        Path root = Path.of(args[0]);
        String release = args[1];
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the generator with a JDK, not a JRE");
        }
        JavacTask task = (JavacTask) compiler.getTask(null, null, null, List.of("--release", release, "-proc:none"),
                null, List.of());
        GenerateJdbcForwarding generator = new GenerateJdbcForwarding(task.getElements(), release);
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        Set<Path> written = new TreeSet<>();
        for (Spec spec : SPECS) {
            Path file = dir.resolve(spec.className() + ".java");
            writeIfChanged(file, generator.generate(spec));
            written.add(file);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path stale : files.filter(f -> !written.contains(f)).toList()) {
                Files.delete(stale);
            }
        }
    }

    private static void writeIfChanged(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }

    /** The text of one generated class. */
    private String generate(Spec spec) {
        TypeElement iface = elements.getTypeElement(spec.iface());
        if (iface == null) {
            throw new IllegalStateException(spec.iface() + " is not in the API of release " + release);
        }
        List<ExecutableElement> methods = methods(iface, spec.inherited());
        Imports imports = new Imports();
        spec.imports().forEach(imports::add);
        for (ExecutableElement method : methods) {
            imports.collect(method);
        }
        StringBuilder out = new StringBuilder();
        out.append("// Generated by ").append(GENERATOR).append(" from the java.sql API of Java ").append(release)
                .append(".\n// Do not edit: change the generator and rebuild.\n");
        out.append("package ").append(PACKAGE).append(";\n\n");
        for (String name : imports.declarations()) {
            out.append("import ").append(name).append(";\n");
        }
        out.append('\n');
        String generated = " * <p>Generated at build time from the {@code " + iface.getQualifiedName() + "} API of Java "
                + release + " by\n * {@code " + GENERATOR + "}; do not edit.";
        out.append(spec.template().formatted(generated.substring(1)));
        for (ExecutableElement method : methods) {
            out.append('\n');
            method(out, spec, method, imports);
        }
        out.append("}\n");
        return out.toString();
    }

    /**
     * The instance methods to forward, sorted by name and parameter types: those {@code iface} declares, and with
     * {@code inherited} those of its superinterfaces too, less {@link java.sql.Wrapper}'s (answered by
     * {@code ForwardingWrapper}).
     */
    private List<ExecutableElement> methods(TypeElement iface, boolean inherited) {
        List<? extends Element> members = inherited ? elements.getAllMembers(iface) : iface.getEnclosedElements();
        Map<String, ExecutableElement> bySignature = new HashMap<>();
        for (ExecutableElement method : ElementFilter.methodsIn(members)) {
            Element owner = method.getEnclosingElement();
            if (owner.getKind() != ElementKind.INTERFACE || method.getModifiers().contains(Modifier.STATIC)
                    || method.getModifiers().contains(Modifier.PRIVATE)
                    || ((TypeElement) owner).getQualifiedName().contentEquals("java.sql.Wrapper")) {
                continue;
            }
            String signature = signature(method);
            ExecutableElement known = bySignature.get(signature);
            if (known == null || elements.overrides(method, known, iface)) {
                bySignature.put(signature, method);
            }
        }
        List<ExecutableElement> sorted = new ArrayList<>(bySignature.values());
        sorted.sort(Comparator.comparing(GenerateJdbcForwarding::signature));
        return sorted;
    }

    private static String signature(ExecutableElement method) {
        return method.getSimpleName() + method.getParameters().stream().map(p -> p.asType().toString())
                .collect(Collectors.joining(",", "(", ")"));
    }

    private void method(StringBuilder out, Spec spec, ExecutableElement method, Imports imports) {
        List<String> names = method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList();
        if (elements.isDeprecated(method)) {
            out.append("    @Deprecated\n");
        }
        out.append("    @Override\n");
        StringBuilder head = new StringBuilder("    public ");
        if (!method.getTypeParameters().isEmpty()) {
            head.append(method.getTypeParameters().stream().map(t -> typeParameter(t, imports))
                    .collect(Collectors.joining(", ", "<", "> ")));
        }
        head.append(imports.render(method.getReturnType())).append(' ').append(method.getSimpleName()).append('(');
        List<? extends VariableElement> parameters = method.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            String type = imports.render(parameters.get(i).asType());
            if (method.isVarArgs() && i == parameters.size() - 1) {
                type = type.substring(0, type.length() - 2) + "...";
            }
            head.append(i == 0 ? "" : ", ").append(type).append(' ').append(names.get(i));
        }
        head.append(')');
        String throwsClause = method.getThrownTypes().isEmpty() ? ""
                : " throws " + method.getThrownTypes().stream().map(imports::render).collect(Collectors.joining(", "));
        if (head.length() + throwsClause.length() + 2 > 120 && !throwsClause.isEmpty()) {
            out.append(head).append("\n           ").append(throwsClause).append(" {\n");
        } else {
            out.append(head).append(throwsClause).append(" {\n");
        }
        String body = body(spec, method, names, imports);
        boolean returns = method.getReturnType().getKind() != javax.lang.model.type.TypeKind.VOID;
        if (returns && imports.erasure(method.getReturnType()).equals(spec.iface())
                && spec.kind() == Kind.CONNECTION_BUILDER) {
            // a fluent setter: the caller goes on with the wrapper, not with the driver's builder
            out.append("        ").append(body).append(";\n        return this;\n");
        } else {
            out.append("        ").append(returns ? "return " : "").append(body).append(";\n");
        }
        out.append("    }\n");
    }

    /**
     * The expression a generated method evaluates: the same call on the driver's object, passed through the hook of
     * its kind where the call hands out a JDBC object or executes SQL.
     */
    private String body(Spec spec, ExecutableElement method, List<String> names, Imports imports) {
        String name = method.getSimpleName().toString();
        String call = spec.target() + "." + name + "(" + String.join(", ", names) + ")";
        String returned = imports.erasure(method.getReturnType());
        boolean execute = name.startsWith("execute");
        switch (spec.kind()) {
            case CONNECTION -> {
                return switch (returned) {
                    case "java.sql.Statement" -> "statement(" + call + ")";
                    case "java.sql.PreparedStatement" -> "prepared(" + call + ", " + sqlParameter(method, names) + ")";
                    case "java.sql.CallableStatement" -> "callable(" + call + ", " + sqlParameter(method, names) + ")";
                    case "java.sql.DatabaseMetaData" -> "metaData(" + call + ")";
                    default -> call;
                };
            }
            case STATEMENT -> {
                String forwarded = call;
                if (execute && !names.isEmpty() && isString(method.getParameters().get(0).asType())) {
                    forwarded = switch (names.size()) {
                        case 1 -> "forward(" + names.get(0) + ", null, (statement, text, none) -> statement." + name
                                + "(text))";
                        case 2 -> "forward(" + names.get(0) + ", " + names.get(1) + ", Statement::" + name + ")";
                        default -> throw noRule(spec, method);
                    };
                } else if (execute && !name.equals("executeBatch") && !name.equals("executeLargeBatch")) {
                    throw noRule(spec, method); // batches are timed by MonitoredStatement
                }
                return returned.equals("java.sql.ResultSet") ? "handOut(" + forwarded + ")" : forwarded;
            }
            case PREPARED -> {
                String forwarded = call;
                if (execute) {
                    if (!names.isEmpty()) {
                        throw noRule(spec, method);
                    }
                    forwarded = "forwardPrepared((statement, text, none) -> statement." + name + "())";
                }
                return returned.equals("java.sql.ResultSet") ? "handOut(" + forwarded + ")" : forwarded;
            }
            default -> {
                if (execute || (spec.kind() == Kind.CALLABLE && returned.equals("java.sql.ResultSet"))) {
                    throw noRule(spec, method);
                }
                return call;
            }
        }
    }

    private static String sqlParameter(ExecutableElement method, List<String> names) {
        if (names.isEmpty() || !isString(method.getParameters().get(0).asType())) {
            throw new IllegalStateException("no SQL text to pass to the hook of " + method);
        }
        return names.get(0);
    }

    private static boolean isString(TypeMirror type) {
        return type.toString().equals("java.lang.String");
    }

    private static IllegalStateException noRule(Spec spec, ExecutableElement method) {
        return new IllegalStateException(spec.iface() + "." + method + " executes SQL or hands out a JDBC object in a"
                + " way " + GENERATOR + " has no rule for: add one, so that the call is timed and wrapped");
    }

    private static String typeParameter(TypeParameterElement parameter, Imports imports) {
        List<String> bounds = parameter.getBounds().stream().filter(b -> !b.toString().equals("java.lang.Object"))
                .map(imports::render).toList();
        return parameter.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
    }

    /** The imports of one generated file, and how its types are written: by simple name where that is unambiguous. */
    private static final class Imports {

        private final Map<String, Set<String>> bySimpleName = new HashMap<>();

        void add(String qualifiedName) {
            String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
            bySimpleName.computeIfAbsent(simple, s -> new TreeSet<>()).add(qualifiedName);
        }

        /** Registers every type a method's signature names. */
        void collect(ExecutableElement method) {
            collect(method.getReturnType());
            method.getParameters().forEach(p -> collect(p.asType()));
            method.getThrownTypes().forEach(this::collect);
            method.getTypeParameters().forEach(t -> t.getBounds().forEach(this::collect));
        }

        private void collect(TypeMirror type) {
            if (type instanceof ArrayType array) {
                collect(array.getComponentType());
            } else if (type instanceof DeclaredType declared) {
                add(topLevel(declared).getQualifiedName().toString());
                declared.getTypeArguments().forEach(this::collect);
            } else if (type instanceof WildcardType wildcard) {
                if (wildcard.getExtendsBound() != null) {
                    collect(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    collect(wildcard.getSuperBound());
                }
            }
        }

        private static TypeElement topLevel(DeclaredType type) {
            Element element = type.asElement();
            while (!(element.getEnclosingElement() instanceof PackageElement)) {
                element = element.getEnclosingElement();
            }
            return (TypeElement) element;
        }

        /** Whether a top-level type is written by its simple name. */
        private boolean simple(String qualifiedName) {
            String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
            return bySimpleName.getOrDefault(simple, Set.of()).size() == 1;
        }

        /** The import lines, sorted: the unambiguous types outside {@code java.lang} and this package. */
        List<String> declarations() {
            List<String> declarations = new ArrayList<>();
            for (Set<String> names : bySimpleName.values()) {
                for (String name : names) {
                    String pkg = name.substring(0, name.lastIndexOf('.'));
                    if (names.size() == 1 && !pkg.equals("java.lang") && !pkg.equals(PACKAGE)) {
                        declarations.add(name);
                    }
                }
            }
            declarations.sort(null);
            return declarations;
        }

        String render(TypeMirror type) {
            if (type instanceof ArrayType array) {
                return render(array.getComponentType()) + "[]";
            }
            if (type instanceof DeclaredType declared) {
                TypeElement top = topLevel(declared);
                String topName = top.getQualifiedName().toString();
                String name = declared.asElement() == top ? ""
                        : ((TypeElement) declared.asElement()).getQualifiedName().toString().substring(topName.length());
                String written = (simple(topName) ? top.getSimpleName().toString() : topName) + name;
                if (declared.getTypeArguments().isEmpty()) {
                    return written;
                }
                return written + declared.getTypeArguments().stream().map(this::render)
                        .collect(Collectors.joining(", ", "<", ">"));
            }
            if (type instanceof WildcardType wildcard) {
                if (wildcard.getExtendsBound() != null) {
                    return "? extends " + render(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    return "? super " + render(wildcard.getSuperBound());
                }
                return "?";
            }
            if (type instanceof TypeVariable variable) {
                return variable.asElement().getSimpleName().toString();
            }
            return type.toString(); // primitives and void
        }

        /** The qualified name of a type's erasure, for matching. */
        String erasure(TypeMirror type) {
            return type instanceof DeclaredType declared
                    ? ((TypeElement) declared.asElement()).getQualifiedName().toString()
                    : type.toString();
        }
    }
}
