package org.fengqiao.support;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.SingletonTargetSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The statements each transaction sends to the database, counted on its connection for a test that holds how many a
 * piece of work costs (the 110 push's per batch): what a benchmark's {@code pg_stat_statements} counts, without
 * timing. The suite's data source is seen through this counter; it counts nothing unless a test is {@link #recording}
 * (then only on the threads it names), and stays the pool it was ({@code HikariDataSource}, as tests read it).
 * A statement of a JDBC batch counts once for each of its rows, as the database runs it once for each.
 */
public class CountedStatements implements BeanPostProcessor {

    /** A transaction's statements in the order sent, the SQL of each; committed or rolled back. */
    public record Transaction(String thread, List<String> statements, boolean committed) {
    }

    private volatile Recording recording;

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof HikariDataSource pool)) {
            return bean;
        }
        ProxyFactory factory = new ProxyFactory();
        // the pool's own class may be final (the embedded one); its public face is HikariDataSource's
        factory.setTargetSource(new SingletonTargetSource(pool) {
            @Override
            public Class<?> getTargetClass() {
                return HikariDataSource.class;
            }
        });
        factory.setProxyTargetClass(true);
        factory.addAdvice((MethodInterceptor) call -> {
            Object answer = call.proceed();
            return answer instanceof Connection c && call.getMethod().getName().equals("getConnection")
                    ? counted(c) : answer;
        });
        return factory.getProxy(getClass().getClassLoader());
    }

    /** Counts, until closed, the transactions of the threads {@code threads} accepts (by name). */
    public Recording recording(Predicate<String> threads) {
        Recording r = new Recording(threads);
        recording = r;
        return r;
    }

    /** The transactions counted while it was open; closed, it counts no more. */
    public final class Recording implements AutoCloseable {
        private final Predicate<String> threads;
        private final List<Transaction> transactions = Collections.synchronizedList(new ArrayList<>());

        Recording(Predicate<String> threads) {
            this.threads = threads;
        }

        public List<Transaction> transactions() {
            synchronized (transactions) {
                return List.copyOf(transactions);
            }
        }

        @Override
        public void close() {
            if (recording == this) {
                recording = null;
            }
        }
    }

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> BATCHES = Set.of("executeBatch", "executeLargeBatch");

    private Connection counted(Connection connection) {
        Transactions open = new Transactions();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "prepareStatement", "prepareCall", "createStatement" -> {
                        Statement s = (Statement) forward(connection, method, args);
                        Class<?> type = s instanceof CallableStatement ? CallableStatement.class
                                : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                        yield Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                                new CountedStatement(s, args == null || args.length == 0 || !(args[0] instanceof String sql)
                                        ? null : sql, open));
                    }
                    case "commit", "rollback" -> {
                        Object answer = forward(connection, method, args);
                        if (args == null || args.length == 0) {
                            open.end(method.getName().equals("commit"));
                        }
                        yield answer;
                    }
                    case "close" -> {
                        open.statements.clear();
                        yield forward(connection, method, args);
                    }
                    default -> forward(connection, method, args);
                });
    }

    /** The statements sent on one borrowed connection since its last commit or rollback. */
    private final class Transactions {
        final List<String> statements = new ArrayList<>();

        void sent(String sql, int times) {
            Recording r = recording;
            if (r != null && r.threads.test(Thread.currentThread().getName())) {
                for (int i = 0; i < times; i++) {
                    statements.add(sql);
                }
            }
        }

        void end(boolean committed) {
            Recording r = recording;
            if (r != null && !statements.isEmpty()) {
                r.transactions.add(new Transaction(Thread.currentThread().getName(), List.copyOf(statements), committed));
            }
            statements.clear();
        }
    }

    private static final class CountedStatement implements InvocationHandler {
        private final Statement statement;
        private final String prepared;
        private final Transactions open;
        private final List<String> batch = new ArrayList<>();

        CountedStatement(Statement statement, String prepared, Transactions open) {
            this.statement = statement;
            this.prepared = prepared;
            this.open = open;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("equals")) {
                return proxy == args[0];
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            Object answer = forward(statement, method, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : prepared;
            if (EXECUTES.contains(name)) {
                open.sent(sql, 1);
            } else if (name.equals("addBatch")) {
                batch.add(sql);
            } else if (name.equals("clearBatch")) {
                batch.clear();
            } else if (BATCHES.contains(name)) {
                batch.forEach(each -> open.sent(each, 1));
                batch.clear();
            }
            return answer;
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
