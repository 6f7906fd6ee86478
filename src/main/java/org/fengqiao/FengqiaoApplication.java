package org.fengqiao;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FengqiaoApplication {

    public static void main(String[] args) {
        OptionalInt exit = operatorCommand(args);
        if (exit.isPresent()) {
            System.exit(exit.getAsInt());
        }
        SpringApplication.run(FengqiaoApplication.class, args);
    }

    /**
     * The exit code of the operator's command the arguments name ({@code reset-password <user name>}, the words
     * before or among the {@code --options}), run to its end; empty when they name none and the platform is to start.
     * {@code watchers} are told of the command's application events (tests: where its web server listened).
     */
    static OptionalInt operatorCommand(String[] args, ApplicationListener<?>... watchers) {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        if (words.isEmpty() || !words.get(0).equals("reset-password")) {
            return OptionalInt.empty();
        }
        List<String> options = Arrays.stream(args).filter(a -> a.startsWith("--")).toList();
        return OptionalInt.of(operatorCommand("reset-password", words.size() > 1 ? words.get(1) : "", options,
                watchers));
    }

    /**
     * An operator's command ({@code ./run reset-password <user name>}, README): the platform starts on its database
     * on a loopback port of its own (as always, an empty database gets the demo district first), the command's runner does its
     * work, and the process ends with its
     * exit code; 2 when the platform could not start.
     */
    private static int operatorCommand(String command, String subject, List<String> options,
            ApplicationListener<?>... watchers) {
        SpringApplication application = new SpringApplication(FengqiaoApplication.class);
        application.addListeners(watchers);
        // The platform's beans are web beans (sessions, the pages' filters), so its web server starts too, but on a
        // port of the loopback nobody is told of, and only for as long as the command runs.
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("--fengqiao.operator.command=" + command, "--fengqiao.operator.username=" + subject,
                "--spring.main.banner-mode=off", "--server.port=0", "--server.address=127.0.0.1"));
        ConfigurableApplicationContext context;
        try {
            context = application.run(all.toArray(String[]::new));
        } catch (RuntimeException notStarted) {
            // The platform did not start (the data directory held by the running platform, the database out of
            // reach): the start-up failure has said why, and nothing was changed, which the command answers with 2
            // (README), not with the 1 of an exception leaving main.
            return 2;
        }
        return SpringApplication.exit(context);
    }
}
