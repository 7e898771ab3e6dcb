package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The forwarding bases are written once for every method of their interface: each method of a
 * monitored connection, statement, result set or metadata object reaches the same method of the
 * driver's object, except the few the wrapper answers itself. The "driver" is a recording
 * {@link Proxy}: no real driver lets a test observe every call.
 */
class ForwardingWrappersTest {

    /** Methods a wrapper answers without the driver's object: they return the wrapper. */
    private static final Set<String> ANSWERED_BY_THE_WRAPPER = Set.of("Statement.getConnection",
            "ResultSet.getStatement", "DatabaseMetaData.getConnection");

    /** What the recording driver hands out as recording objects in turn. */
    private static final Set<Class<?>> HANDED_OUT = Set.of(Connection.class, Statement.class, PreparedStatement.class,
            CallableStatement.class, ResultSet.class, DatabaseMetaData.class, ConnectionBuilder.class);

    private final List<String> calls = new ArrayList<>();

    @Test
    void everyConnectionMethodReachesTheDriversConnection() throws Exception {
        assertEveryMethodForwarded(connection(), Connection.class);
    }

    @Test
    void everyStatementMethodReachesTheDriversStatement() throws Exception {
        assertEveryMethodForwarded(connection().createStatement(), Statement.class);
    }

    @Test
    void everyPreparedStatementMethodReachesTheDriversPreparedStatement() throws Exception {
        assertEveryMethodForwarded(connection().prepareStatement("SELECT 1"), PreparedStatement.class);
    }

    @Test
    void everyCallableStatementMethodReachesTheDriversCallableStatement() throws Exception {
        assertEveryMethodForwarded(connection().prepareCall("CALL p()"), CallableStatement.class);
    }

    @Test
    void everyResultSetMethodReachesTheDriversResultSet() throws Exception {
        ResultSet resultSet = connection().createStatement().executeQuery("SELECT 1");
        assertEveryMethodForwarded(resultSet, ResultSet.class);
    }

    @Test
    void everyMetaDataMethodReachesTheDriversMetaData() throws Exception {
        assertEveryMethodForwarded(connection().getMetaData(), DatabaseMetaData.class);
    }

    @Test
    void everyConnectionBuilderMethodReachesTheDriversBuilder() throws Exception {
        assertEveryMethodForwarded(dataSource().createConnectionBuilder(), ConnectionBuilder.class, 4);
    }

    @Test
    void theConnectionBuilderAnswersItsSettersWithItselfAndBuildsMonitoredConnections() throws Exception {
        ConnectionBuilder builder = dataSource().createConnectionBuilder();

        assertThat(builder.user("u")).isSameAs(builder);
        assertThat(builder.password("p")).isSameAs(builder);
        assertThat(builder.shardingKey(null)).isSameAs(builder);
        assertThat(builder.superShardingKey(null)).isSameAs(builder);
        Connection connection = builder.build();
        assertThat(connection).isNotInstanceOf(Proxy.class);
        assertThat(connection.createStatement().getConnection()).isSameAs(connection);
    }

    @Test
    void wrappersHandThemselvesOutWhereTheDriverWouldHandOutItsOwnObjects() throws Exception {
        Connection connection = connection();
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("SELECT 1");

        assertThat(statement.getConnection()).isSameAs(connection);
        assertThat(statement.executeQuery("SELECT 1").getStatement()).isSameAs(statement);
        assertThat(prepared.executeQuery().getStatement()).isSameAs(prepared);
        assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
        assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
        assertThat(connection.isWrapperFor(Connection.class)).isTrue();
    }

    private Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    private DataSource dataSource() {
        DataSource driver = recording(DataSource.class);
        return MonitoredDataSource.builder(driver).dialect(SqlDialect.GENERIC).build();
    }

    private void assertEveryMethodForwarded(Object wrapper, Class<?> api) throws Exception {
        assertEveryMethodForwarded(wrapper, api, 5);
    }

    private void assertEveryMethodForwarded(Object wrapper, Class<?> api, int moreThan) throws Exception {
        assertThat(wrapper).isNotInstanceOf(Proxy.class);
        int checked = 0;
        for (Method method : api.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || ANSWERED_BY_THE_WRAPPER.contains(method.getDeclaringClass().getSimpleName() + "."
                    + method.getName())) {
                continue;
            }
            calls.clear();
            try {
                method.invoke(wrapper, arguments(method));
            } catch (InvocationTargetException e) {
                throw new AssertionError(method + " threw " + e.getCause(), e.getCause());
            }
            assertThat(calls).as("driver calls of %s", method).containsExactly(signature(method));
            checked++;
        }
        assertThat(checked).as("methods of %s checked", api.getSimpleName()).isGreaterThan(moreThan);
    }

    private static Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = types[i] == Class.class ? String.class : types[i] == String.class ? "x" : zero(types[i]);
        }
        return arguments;
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    private <T> T recording(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == arguments[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : type.getName();
                    }
                    if (type != DataSource.class) {
                        calls.add(signature(method));
                    }
                    Class<?> returned = method.getReturnType();
                    return HANDED_OUT.contains(returned) ? recording(returned) : zero(returned);
                }));
    }

    private static @Nullable Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == double.class) {
            return 0d;
        }
        return null;
    }
}
