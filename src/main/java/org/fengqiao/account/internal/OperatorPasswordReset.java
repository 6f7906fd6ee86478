package org.fengqiao.account.internal;

import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./run reset-password <user name>}: the server's operator sets a new password for an account, the way back in
 * for one of the three administrators (三员分立), whose passwords nobody resets from the pages
 * ({@link StaffAdministration#resetPassword}). Its web server listens only on a loopback port of its own (the
 * command's start, {@code FengqiaoApplication}); it reads the password from
 * {@code FENGQIAO_RESET_PASSWORD} or, on a terminal, asks for it twice; the password rules apply. The account is
 * unlocked, its tokens and sessions end, and the trail records the reset with the actor "operator". The process then
 * ends with 0, or 2 when nothing was changed.
 */
@Component
@ConditionalOnProperty(name = "fengqiao.operator.command", havingValue = "reset-password")
class OperatorPasswordReset implements ApplicationRunner, ExitCodeGenerator {

    private final StaffRegister register;
    private final StaffAdministration administration;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final String username;
    private final String password;
    private volatile int exitCode = 2;

    OperatorPasswordReset(StaffRegister register, StaffAdministration administration, TransactionTemplate tx,
            ApplicationEventPublisher events, MessageSource messages,
            @Value("${fengqiao.operator.username:}") String username,
            @Value("${FENGQIAO_RESET_PASSWORD:}") String password) {
        this.register = register;
        this.administration = administration;
        this.tx = tx;
        this.events = events;
        this.messages = messages;
        this.username = username.trim().toLowerCase(Locale.ROOT);
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        exitCode = reset(username, password.isEmpty() ? askTwice(System.console()) : password, System.out);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Resets the password and says what it did on {@code out}, in Chinese and English; 0 if it did, 2 if not. */
    int reset(String name, String given, PrintStream out) {
        StaffRegister.Row person = name.isEmpty() ? null : register.byUsername(name).orElse(null);
        if (person == null) {
            say(out, "account.operatorReset.unknown", name);
            return 2;
        }
        if (given == null) {
            say(out, "account.operatorReset.noPassword", name);
            return 2;
        }
        List<String> broken = PasswordPolicy.check(given, name);
        if (!broken.isEmpty()) {
            broken.forEach(key -> say(out, key, PasswordPolicy.arguments(key)));
            return 2;
        }
        tx.executeWithoutResult(status -> {
            administration.reset(person, given);
            events.publishEvent(Audited.updated("staff", person.id(), person.unitPath(), Map.of("password", "old"),
                    Map.of("password", "reset")).by(SystemActor.OPERATOR));
        });
        say(out, "account.operatorReset.done", name);
        return 0;
    }

    /** The password typed twice on the terminal; null without a terminal or when the two differ. */
    private static String askTwice(Console console) {
        if (console == null) {
            return null;
        }
        char[] first = console.readPassword("新密码 / New password: ");
        char[] second = console.readPassword("再输入一次 / Again: ");
        try {
            return first != null && Arrays.equals(first, second) ? new String(first) : null;
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (second != null) {
                Arrays.fill(second, ' ');
            }
        }
    }

    private void say(PrintStream out, String key, Object... args) {
        out.println(messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE) + " / "
                + messages.getMessage(key, args, Locale.ENGLISH));
    }
}
